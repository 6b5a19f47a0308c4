{ lib, ... }:
{
  options.shares = lib.mkOption {
    type = lib.types.listOf (lib.types.submodule {
      options.tag = lib.mkOption { type = lib.types.str; };
      options.proto = lib.mkOption { type = lib.types.enum [ "9p" "virtiofs" ]; default = "9p"; };
    });
    default = [ ];
  };
}
