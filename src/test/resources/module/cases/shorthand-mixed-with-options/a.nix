{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; };
  a = 1;
}
