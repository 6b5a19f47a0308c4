{
  networking.hostName = "web";
  microvm.interfaces = [ { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:01"; } ];
  microvm.forwardPorts = [ { host.port = 2222; guest.port = 22; } ];
}
