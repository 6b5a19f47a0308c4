{
  networking.hostName = "web";
  microvm.volumes = [
    { image = "data.img"; mountPoint = "/data"; size = 64; }
    { image = "data.img"; mountPoint = "/srv"; size = 64; }
  ];
}
