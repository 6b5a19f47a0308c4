{ lib }:
lib.mapAttrsToList (name: vm: "${name}:${toString vm.mem}") { web = { mem = 256; }; db = { mem = 1024; }; }
