{ lib, config, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; default = config.b + 1; };
  options.b = lib.mkOption { type = lib.types.int; default = config.a + 1; };
}
