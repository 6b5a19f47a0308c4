{ lib, ... }:
{
  options.groups = lib.mkOption { type = lib.types.attrsOf (lib.types.listOf lib.types.str); };
}
