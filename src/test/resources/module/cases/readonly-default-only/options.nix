{ lib, ... }:
{
  options.version = lib.mkOption { type = lib.types.str; readOnly = true; default = "0.1"; };
}
