{
  networking.hostName = "web";
  microvm.volumes = [
    { image = "a.img"; mountPoint = "/a"; size = 64; fsType = "zfs"; }
    { image = "b.img"; mountPoint = "/b"; size = 64; fsType = "xfs"; }
  ];
}
