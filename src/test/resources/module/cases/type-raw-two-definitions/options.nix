{ lib, ... }:
{
  options.r = lib.mkOption { type = lib.types.raw; };
}
