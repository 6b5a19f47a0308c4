{ lib, pkgs, config, options, ... }:
{
  options.microvm.kernel = lib.mkPackageOption pkgs [ "linuxPackages" "kernel" ] {
    example = "linuxPackages_latest.kernel";
  };
  options.report = lib.mkOption {
    type = lib.types.anything;
    default = {
      value = config.microvm.kernel.name;
      inherit (options.microvm.kernel) defaultText example description;
    };
  };
}
