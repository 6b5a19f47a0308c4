{ lib, ... }:
{
  options.users = lib.mkOption {
    type = lib.types.attrsOf (lib.types.submodule ({ name, ... }: {
      options.name = lib.mkOption { type = lib.types.str; default = name; };
      options.home = lib.mkOption { type = lib.types.str; default = "/home/${name}"; };
    }));
  };
}
