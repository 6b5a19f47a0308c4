{ config, lib, ... }:
{
  options.report = lib.mkOption {
    type = lib.types.raw;
    default = lib.mapAttrs (name: vm: {
      inherit (vm) autostart restartIfChanged flake updateFlake;
      hasConfig = vm.config != null;
      hasEvaluatedConfig = vm.evaluatedConfig != null;
    }) config.microvm.vms;
  };
}
