{
  networking.hostName = "kt";
  microvm = {
    hypervisor = "kvmtool";
    shares = [
      { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; }
      { tag = "data"; source = "/srv"; mountPoint = "/srv"; proto = "virtiofs"; }
    ];
    interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
    initialBalloonMem = 128;
  };
}
