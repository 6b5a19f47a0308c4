{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.unspecified; };
}
