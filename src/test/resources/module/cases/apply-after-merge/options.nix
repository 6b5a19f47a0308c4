{ lib, config, ... }:
{
  options.items = lib.mkOption { type = lib.types.listOf lib.types.int; apply = builtins.length; };
  options.count = lib.mkOption { type = lib.types.int; default = config.items; };
}
