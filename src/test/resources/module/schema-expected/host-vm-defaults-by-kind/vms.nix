{
  microvm.vms = {
    declared.config = { };
    deployed = {
      flake = "/nix/store/00000000000000000000000000000001-source";
      updateFlake = "git+file:///etc/nixos";
    };
    evaluated.evaluatedConfig = { config = { }; };
  };
}
