{ lib, ... }:
{
  options.m = lib.mkOption { type = lib.types.attrsOf (lib.types.listOf lib.types.int); };
}
