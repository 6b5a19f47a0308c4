{ lib, ... }:
{
  options.ratio = lib.mkOption { type = lib.types.float; };
}
