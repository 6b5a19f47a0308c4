{
  microvm.host.enable = false;
  microvm.vms.web = {
    config = { };
    flake = "/nix/store/00000000000000000000000000000001-source";
  };
}
