{
  microvm.vms.web = {
    config.microvm.mem = 256;
    flake = "/nix/store/00000000000000000000000000000001-source";
  };
}
