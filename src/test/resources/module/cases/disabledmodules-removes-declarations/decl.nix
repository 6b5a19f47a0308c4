{ lib, ... }:
{
  options.feature.enable = lib.mkOption { type = lib.types.bool; default = false; };
}
