{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule {
      options.host = lib.mkOption { type = lib.types.str; default = "localhost"; };
      options.port = lib.mkOption { type = lib.types.port; default = 80; };
    };
    default = { };
  };
}
