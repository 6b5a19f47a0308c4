{ lib, ... }:
{
  options.enable = lib.mkOption { type = lib.types.bool; };
}
