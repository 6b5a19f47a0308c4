{ config, lib, ... }:
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = {
      kernel = config.microvm.kernel.name;
      inherit (config.microvm) storeDiskErofsFlags;
    };
  };
}
