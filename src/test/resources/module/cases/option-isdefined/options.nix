{ lib, options, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; };
  options.b = lib.mkOption { type = lib.types.int; };
  options.c = lib.mkOption { type = lib.types.int; default = 1; };
  options.d = lib.mkOption { type = lib.types.int; };
  options.report = lib.mkOption {
    type = lib.types.attrsOf lib.types.bool;
    default = lib.mapAttrs (_: o: o.isDefined) { inherit (options) a b c d; };
  };
}
