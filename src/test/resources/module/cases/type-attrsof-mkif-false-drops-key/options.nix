{ lib, ... }:
{
  options.env = lib.mkOption { type = lib.types.attrsOf lib.types.str; };
}
