{ lib, ... }:
{
  options.volumes = lib.mkOption {
    type = lib.types.listOf (lib.types.submodule {
      options.image = lib.mkOption { type = lib.types.str; };
      options.size = lib.mkOption { type = lib.types.int; default = 64; };
    });
    default = [ ];
  };
}
