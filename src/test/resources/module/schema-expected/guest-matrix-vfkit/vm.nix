{
  networking.hostName = "vf";
  microvm = {
    hypervisor = "vfkit";
    shares = [ { tag = "data"; source = "/srv"; mountPoint = "/srv"; } ];
    interfaces = [ { type = "tap"; id = "vm-vf"; mac = "02:00:00:00:00:01"; } ];
    vsock.cid = 3;
  };
}
