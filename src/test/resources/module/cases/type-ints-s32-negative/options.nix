{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.ints.s32; };
}
