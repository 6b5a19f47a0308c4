{ lib, ... }:
{
  options.pkg = lib.mkOption { type = lib.types.package; };
}
