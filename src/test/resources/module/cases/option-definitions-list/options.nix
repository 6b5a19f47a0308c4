{ lib, options, ... }:
{
  options.l = lib.mkOption { type = lib.types.listOf lib.types.str; };
  options.defs = lib.mkOption { type = lib.types.anything; default = options.l.definitions; };
}
