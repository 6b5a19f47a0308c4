{ lib, ... }:
{
  options.level = lib.mkOption { type = lib.types.ints.between 1 10; };
}
