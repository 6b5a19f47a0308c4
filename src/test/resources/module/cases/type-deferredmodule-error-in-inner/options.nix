{ lib, config, ... }:
{
  options.guest = lib.mkOption { type = lib.types.deferredModule; };
  options.result = lib.mkOption {
    type = lib.types.attrs;
    default = (lib.evalModules {
      modules = [ { options.mem = lib.mkOption { type = lib.types.int; }; } config.guest ];
    }).config;
  };
}
