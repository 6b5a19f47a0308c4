{ lib, config, ... }:
{
  options.mem = lib.mkOption { type = lib.types.int; default = 512; };
  config.assertions = [
    { assertion = config.mem >= 32; message = "mem must be at least 32"; }
  ];
}
