{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.str; default = "x"; };
  options.b = lib.mkOption { type = lib.types.str; };
}
