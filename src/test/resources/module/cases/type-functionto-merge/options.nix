{ lib, config, ... }:
{
  options.mkArgs = lib.mkOption { type = lib.types.functionTo (lib.types.listOf lib.types.str); };
  options.out = lib.mkOption { type = lib.types.listOf lib.types.str; default = config.mkArgs "vm1"; };
}
