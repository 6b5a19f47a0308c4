{
  networking.hostName = "web";
  microvm.hotplugMem = 2048;
  microvm.shares = [ { proto = "virtiofs"; tag = "data"; source = "/srv/data"; mountPoint = "/data"; } ];
}
