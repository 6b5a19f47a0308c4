{ lib, ... }:
{
  options.extra = lib.mkOption { type = lib.types.bool; default = false; };
}
