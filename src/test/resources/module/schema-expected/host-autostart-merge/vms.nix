{
  microvm.vms = {
    web.config = { };
    db = { config = { }; autostart = false; };
    cache.flake = "/nix/store/00000000000000000000000000000001-source";
  };
}
