{ lib, config, ... }:
{
  options.f = lib.mkOption { type = lib.types.functionTo lib.types.int; };
  options.out = lib.mkOption { type = lib.types.int; default = config.f 1; };
}
