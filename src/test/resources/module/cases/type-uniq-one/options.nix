{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.uniq (lib.types.listOf lib.types.int); };
}
