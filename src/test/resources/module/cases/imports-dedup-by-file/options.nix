{ lib, ... }:
{
  options.n = lib.mkOption { type = lib.types.int; };
  options.l = lib.mkOption { type = lib.types.listOf lib.types.str; };
}
