{
  networking.hostName = "web";
  microvm.shares = [
    { tag = "data"; source = "/srv/a"; mountPoint = "/a"; proto = "virtiofs"; socket = "fs.sock"; }
    { tag = "data"; source = "/srv/b"; mountPoint = "/b"; proto = "virtiofs"; socket = "fs.sock"; }
  ];
}
