{
  networking.hostName = "web";
  microvm.virtiofsd.extraArgs = [ "--translate-gid=map:0:100:1" ];
  microvm.shares = [
    { tag = "a"; source = "/srv/a"; mountPoint = "/a"; proto = "virtiofs"; }
    { tag = "b"; source = "/srv/b"; mountPoint = "/b"; proto = "virtiofs"; posixAcl = false; }
  ];
}
