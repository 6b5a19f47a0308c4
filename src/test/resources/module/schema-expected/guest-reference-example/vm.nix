{
  networking.hostName = "my-vm";
  microvm = {
    vcpu = 2;
    mem = 1024;
    vsock.cid = 3;
    shares = [
      { proto = "virtiofs"; tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; }
      { proto = "9p"; tag = "data"; source = "data"; mountPoint = "/data"; }
    ];
    volumes = [ { image = "var.img"; mountPoint = "/var"; size = 1024; } ];
    interfaces = [
      { type = "tap"; id = "vm-my"; mac = "02:00:00:00:00:01"; }
      { type = "user"; id = "usernet"; mac = "02:00:00:00:00:02"; }
    ];
  };
}
