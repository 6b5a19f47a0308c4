{ lib, ... }:
{
  options.tls = lib.mkOption {
    type = lib.types.nullOr (lib.types.submodule {
      options.port = lib.mkOption { type = lib.types.port; default = 443; };
      options.cert = lib.mkOption { type = lib.types.str; };
    });
    default = null;
  };
}
