{
  networking.hostName = "web";
  microvm.shares = [ { tag = "data"; source = "/srv"; mountPoint = "/srv"; proto = "virtiofs"; socket = null; } ];
}
