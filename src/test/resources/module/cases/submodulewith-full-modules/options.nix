{ lib, ... }:
{
  options.s = lib.mkOption {
    type = lib.types.submoduleWith {
      modules = [ { options.a = lib.mkOption { type = lib.types.int; default = 1; }; } ];
    };
  };
}
