{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.enum [ 1 2 3 ]; };
}
