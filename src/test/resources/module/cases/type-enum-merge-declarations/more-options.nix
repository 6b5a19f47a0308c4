{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.enum [ "c" ]; };
}
