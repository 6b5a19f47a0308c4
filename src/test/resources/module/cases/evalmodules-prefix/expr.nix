{ lib }:
(lib.evalModules {
  prefix = [ "microvm" "vms" "web" "config" ];
  modules = [ ./options.nix ./a.nix ];
}).config.mem
