{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule {
      options.host = lib.mkOption { type = lib.types.str; };
    };
    default = { };
  };
}
