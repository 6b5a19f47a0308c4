{ lib, ... }:
{
  options.version = lib.mkOption { type = lib.types.str; readOnly = true; };
}
