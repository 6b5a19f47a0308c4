{
  microvm.vms = {
    zeta = {
      config = { };
      flake = "/nix/store/00000000000000000000000000000001-source";
      updateFlake = "git+file:///etc/nixos";
    };
    alpha = {
      config = { };
      updateFlake = "git+file:///etc/nixos";
    };
    fine.config = { };
  };
}
