{ config, lib, ... }:
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = {
      inherit (config.microvm.vms.web.config.config.microvm) mem vcpu shares volumes storeOnDisk;
    };
  };
}
