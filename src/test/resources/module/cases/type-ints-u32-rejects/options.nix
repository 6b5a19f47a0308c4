{ lib, ... }:
{
  options.word = lib.mkOption { type = lib.types.ints.u32; };
}
