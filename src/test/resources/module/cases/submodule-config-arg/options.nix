{ lib, ... }:
{
  options.vms = lib.mkOption {
    type = lib.types.attrsOf (lib.types.submodule ({ name, config, ... }: {
      options.flake = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      options.restartIfChanged = lib.mkOption {
        type = lib.types.bool;
        default = config.flake == null;
      };
    }));
  };
}
