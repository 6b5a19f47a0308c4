{ lib, ... }:
{
  options.short = lib.mkOption { type = lib.types.ints.u16; };
  options.word = lib.mkOption { type = lib.types.ints.u32; };
}
