{ lib, ... }:
{
  options.vm = lib.mkOption {
    type = lib.types.submodule {
      options.tags = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };
}
