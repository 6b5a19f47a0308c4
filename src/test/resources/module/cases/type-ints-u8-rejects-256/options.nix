{ lib, ... }:
{
  options.byte = lib.mkOption { type = lib.types.ints.u8; };
}
