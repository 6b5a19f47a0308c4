{ config, lib, ... }:
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = {
      inherit (config.microvm) socket machineId storeOnDisk systemSymlink storeDiskType hotpluggedMem kernelParams storeDiskErofsFlags;
      shareSockets = map (s: s.socket) config.microvm.shares;
      machineIdFile = config.environment.etc."machine-id".text;
      gpuSocket = config.microvm.graphics.socket;
    };
  };
}
