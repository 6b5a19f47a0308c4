{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule {
      options.port = lib.mkOption { type = lib.types.port; default = 80; };
      options.tls = lib.mkOption { type = lib.types.bool; default = false; };
    };
  };
}
