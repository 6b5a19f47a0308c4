{ lib }:
lib.filterAttrs (name: vm: vm.autostart && name != "test") { web = { autostart = true; }; db = { autostart = false; }; test = { autostart = true; }; }
