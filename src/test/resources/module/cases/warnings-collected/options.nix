{ lib, config, ... }:
{
  options.mem = lib.mkOption { type = lib.types.int; default = 512; };
  config.warnings = lib.optional (config.mem < 32) "mem below 32 MB will probably not boot";
}
