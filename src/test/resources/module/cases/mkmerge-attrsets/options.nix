{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; };
  options.b = lib.mkOption { type = lib.types.listOf lib.types.int; };
}
