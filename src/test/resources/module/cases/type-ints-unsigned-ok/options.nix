{ lib, ... }:
{
  options.n = lib.mkOption { type = lib.types.ints.unsigned; };
}
