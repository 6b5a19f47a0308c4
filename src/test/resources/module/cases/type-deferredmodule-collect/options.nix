{ lib, config, ... }:
{
  options.guest = lib.mkOption { type = lib.types.deferredModule; default = { }; };
  options.result = lib.mkOption {
    type = lib.types.attrs;
    default = (lib.evalModules {
      modules = [
        { options.mem = lib.mkOption { type = lib.types.int; default = 512; };
          options.tags = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; }; }
        config.guest
      ];
    }).config;
  };
}
