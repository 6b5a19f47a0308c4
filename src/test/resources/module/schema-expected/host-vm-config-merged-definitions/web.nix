{
  microvm.vms.web.config = {
    microvm.mem = 256;
    microvm.shares = [ { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; } ];
  };
}
