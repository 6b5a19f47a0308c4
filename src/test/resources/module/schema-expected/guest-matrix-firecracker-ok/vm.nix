{
  networking.hostName = "fc";
  microvm = {
    hypervisor = "firecracker";
    interfaces = [ { type = "tap"; id = "vm-fc"; mac = "02:00:00:00:00:01"; } ];
    volumes = [ { image = "var.img"; mountPoint = "/var"; size = 256; serial = "var"; direct = true; } ];
  };
}
