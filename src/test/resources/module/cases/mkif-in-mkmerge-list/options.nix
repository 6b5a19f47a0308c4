{ lib, ... }:
{
  options.l = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
}
