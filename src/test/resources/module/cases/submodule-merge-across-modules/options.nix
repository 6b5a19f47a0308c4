{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule {
      options.host = lib.mkOption { type = lib.types.str; };
      options.aliases = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };
}
