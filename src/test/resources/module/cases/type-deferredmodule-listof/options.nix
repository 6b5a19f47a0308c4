{ lib, config, ... }:
{
  options.extraModules = lib.mkOption { type = lib.types.listOf lib.types.deferredModule; default = [ ]; };
  options.result = lib.mkOption {
    type = lib.types.attrs;
    default = (lib.evalModules {
      modules = [ { options.names = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; }; } ]
        ++ config.extraModules;
    }).config;
  };
}
