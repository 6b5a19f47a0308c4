{ lib, ... }:
{
  options.settings = lib.mkOption {
    type = lib.types.submodule {
      freeformType = lib.types.attrsOf lib.types.str;
      options.Restart = lib.mkOption { type = lib.types.str; default = "no"; };
    };
    default = { };
  };
}
