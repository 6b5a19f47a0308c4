{
  networking.hostName = "tiny";
  microvm.mem = 16;
  microvm.volumes = [ { image = "data.img"; mountPoint = "/data"; size = 64; autoCreate = false; label = "data"; } ];
}
