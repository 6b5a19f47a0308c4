{ lib, config, ... }:
{
  options.items = lib.mkOption {
    type = lib.types.listOf (lib.types.submodule ({ name, ... }: {
      options.label = lib.mkOption { type = lib.types.str; default = name; };
    }));
  };
  options.names = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    default = map (i: i.label) config.items;
  };
}
