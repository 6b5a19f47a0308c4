{ lib, ... }:
{
  options.on = lib.mkOption { type = lib.types.bool; default = true; };
  options.off = lib.mkOption { type = lib.types.bool; default = false; };
}
