{ lib, ... }:
{
  options.vm = lib.mkOption {
    type = lib.types.submoduleWith {
      specialArgs = { hostName = "outer"; };
      modules = [
        ({ hostName, ... }: {
          options.parent = lib.mkOption { type = lib.types.str; default = hostName; };
          options.mem = lib.mkOption { type = lib.types.int; default = 512; };
        })
      ];
    };
    default = { };
  };
}
