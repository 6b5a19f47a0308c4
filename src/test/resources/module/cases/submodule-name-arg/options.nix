{ lib, ... }:
{
  options.vms = lib.mkOption {
    type = lib.types.attrsOf (lib.types.submodule ({ name, ... }: {
      options.hostName = lib.mkOption { type = lib.types.str; default = name; };
      options.socket = lib.mkOption { type = lib.types.str; default = "${name}.sock"; };
    }));
    default = { };
  };
}
