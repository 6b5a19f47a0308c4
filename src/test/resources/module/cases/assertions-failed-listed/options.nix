{ lib, config, ... }:
{
  options.mem = lib.mkOption { type = lib.types.int; default = 512; };
  options.vcpu = lib.mkOption { type = lib.types.int; default = 1; };
  config.assertions = [
    { assertion = config.mem >= 32; message = "MicroVM: mem must be at least 32"; }
    { assertion = config.vcpu > 0; message = "MicroVM: vcpu must be positive"; }
    { assertion = true; message = "never shown"; }
  ];
}
