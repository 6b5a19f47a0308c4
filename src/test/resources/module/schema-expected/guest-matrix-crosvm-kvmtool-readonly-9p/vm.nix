{
  networking.hostName = "cv";
  microvm = {
    hypervisor = "crosvm";
    shares = [ { tag = "ro"; source = "/srv"; mountPoint = "/srv"; readOnly = true; } ];
    interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
    hotplugMem = 256;
  };
}
