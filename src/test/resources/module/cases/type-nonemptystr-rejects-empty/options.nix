{ lib, ... }:
{
  options.s = lib.mkOption { type = lib.types.nonEmptyStr; };
}
