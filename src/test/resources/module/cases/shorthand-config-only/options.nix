{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; };
  options.b.c = lib.mkOption { type = lib.types.str; };
}
