{
  networking.hostName = "web";
  microvm.shares = [
    { tag = "a"; source = "/srv/a"; mountPoint = "/a"; proto = "virtiofs"; posixAcl = false; extraArgs = [ "--translate-uid=map:0:1000:1" ]; }
  ];
}
