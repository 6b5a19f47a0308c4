{ lib, config, ... }:
{
  options.hotplugMem = lib.mkOption { type = lib.types.ints.unsigned; default = 0; };
  options.hotpluggedMem = lib.mkOption { type = lib.types.ints.unsigned; default = config.hotplugMem; };
  options.total = lib.mkOption { type = lib.types.int; default = config.hotpluggedMem + 512; };
}
