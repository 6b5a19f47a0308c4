{ lib, config, ... }:
{
  options.env = lib.mkOption { type = lib.types.lazyAttrsOf lib.types.str; };
  options.names = lib.mkOption { type = lib.types.listOf lib.types.str; default = builtins.attrNames config.env; };
}
