{ lib, ... }:
{
  options.low = lib.mkOption { type = lib.types.ints.between 1 10; };
  options.high = lib.mkOption { type = lib.types.ints.between 1 10; };
}
