{ lib, ... }:
{
  options.network.gateway = lib.mkOption { type = lib.types.str; };
  options.other = lib.mkOption { type = lib.types.int; default = 1; };
}
