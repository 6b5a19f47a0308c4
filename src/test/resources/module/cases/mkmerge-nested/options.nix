{ lib, ... }:
{
  options.b = lib.mkOption { type = lib.types.listOf lib.types.int; };
}
