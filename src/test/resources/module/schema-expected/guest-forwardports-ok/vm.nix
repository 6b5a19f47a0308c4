{
  networking.hostName = "web";
  microvm.interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
  microvm.forwardPorts = [
    { host.port = 2222; guest.port = 22; }
    { from = "guest"; proto = "udp"; guest.address = "10.0.2.10"; guest.port = 53; host.address = "127.0.0.1"; host.port = 53; }
  ];
}
