{
  networking.hostName = "sv";
  microvm = {
    hypervisor = "stratovirt";
    user = "microvm";
    shares = [ { tag = "data"; source = "/srv"; mountPoint = "/srv"; } ];
    interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
    balloon = true;
    hotpluggedMem = 64;
    credentialFiles.KEY = "/run/secrets/key";
  };
}
