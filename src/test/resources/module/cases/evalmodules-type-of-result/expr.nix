{ lib }:
let
  guest = lib.evalModules { modules = [ ./options.nix ]; };
  host = lib.evalModules {
    modules = [
      { options.vm = lib.mkOption { type = guest.type; default = { }; }; }
      { vm.mem = 64; }
    ];
  };
in
host.config.vm
