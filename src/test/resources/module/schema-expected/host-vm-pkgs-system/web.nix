{ nixpkgs, ... }:
{
  microvm.vms.arm = {
    pkgs = import nixpkgs { system = "aarch64-linux"; };
    config = { };
  };
}
