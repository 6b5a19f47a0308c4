{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule {
      options.port = lib.mkOption { type = lib.types.port; default = 80; };
    };
  };
}
