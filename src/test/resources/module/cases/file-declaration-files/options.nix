{ lib, options, ... }:
{
  options.n = lib.mkOption { type = lib.types.int; };
  options.report = lib.mkOption {
    type = lib.types.attrsOf (lib.types.listOf lib.types.str);
    default = {
      declarations = map (f: baseNameOf (toString f)) options.n.declarations;
      files = map (f: baseNameOf (toString f)) options.n.files;
    };
  };
}
