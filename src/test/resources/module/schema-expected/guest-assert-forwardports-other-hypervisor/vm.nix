{
  networking.hostName = "web";
  microvm.hypervisor = "cloud-hypervisor";
  microvm.vsock.cid = 5;
  microvm.interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
  microvm.forwardPorts = [ { host.port = 2222; guest.port = 22; } ];
}
