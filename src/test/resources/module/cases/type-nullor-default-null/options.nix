{ lib, ... }:
{
  options.user = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
}
