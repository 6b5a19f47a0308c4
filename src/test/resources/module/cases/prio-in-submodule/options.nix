{ lib, ... }:
{
  options.vms = lib.mkOption {
    type = lib.types.attrsOf (lib.types.submodule {
      options.mem = lib.mkOption { type = lib.types.int; default = 512; };
      options.vcpu = lib.mkOption { type = lib.types.int; default = 1; };
    });
  };
}
