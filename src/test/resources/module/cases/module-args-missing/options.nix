{ lib, ... }:
{
  options.x = lib.mkOption { type = lib.types.str; default = "x"; };
}
