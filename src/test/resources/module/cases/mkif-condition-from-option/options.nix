{ lib, config, ... }:
{
  options.debug = lib.mkOption { type = lib.types.bool; default = false; };
  options.kernelParams = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
}
