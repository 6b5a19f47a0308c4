{ lib, ... }:
{
  options.ratio = lib.mkOption { type = lib.types.float; };
  options.third = lib.mkOption { type = lib.types.float; };
}
