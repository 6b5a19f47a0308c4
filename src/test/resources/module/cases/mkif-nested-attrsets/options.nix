{ lib, ... }:
{
  options.a.b = lib.mkOption { type = lib.types.int; default = 0; };
  options.a.c = lib.mkOption { type = lib.types.int; default = 0; };
  options.d = lib.mkOption { type = lib.types.int; default = 0; };
}
