{ lib, ... }:
{
  options.server = lib.mkOption {
    type = lib.types.submodule { options.tls = lib.mkOption { type = lib.types.bool; default = false; }; };
  };
}
