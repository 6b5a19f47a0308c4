{ config, lib, ... }:
let
  vm = config.microvm.vms.web;
in
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = {
      pkgsSystem = vm.pkgs.system;
      inherit (vm) nixpkgs;
      kernel = vm.config.config.microvm.kernel.name;
    };
  };
}
