{ lib, ... }:
{
  options.i = lib.mkOption { type = lib.types.number; };
  options.f = lib.mkOption { type = lib.types.number; };
}
