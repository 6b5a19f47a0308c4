{ config, lib, ... }:
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = lib.mapAttrs (name: vm: {
      inherit (vm.config.config.networking) hostName;
      inherit (vm.config.config.microvm) socket machineId;
    }) config.microvm.vms;
  };
}
