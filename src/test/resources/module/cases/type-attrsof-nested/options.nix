{ lib, ... }:
{
  options.m = lib.mkOption { type = lib.types.attrsOf (lib.types.attrsOf lib.types.int); };
}
