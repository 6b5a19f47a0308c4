# What jmicrovm gives a host configuration besides `config`, `options`, `lib` and `pkgs`:
# `nixpkgs` (the built-in package collection, importable and with `.lib`), `microvm` (the
# schemas as `microvm.nixosModules`, so `microvm.host` works as in the seed) and `self`
# (the host's own flake, here a stand-in store path without VMs of its own).
{ lib, schemaDir, ... }:
rec {
  nixpkgs = {
    outPath = ./fake-nixpkgs;
    inherit lib;
  };
  microvm = {
    host = schemaDir + "/host.nix";
    microvm = schemaDir + "/guest.nix";
  };
  self = {
    outPath = "/nix/store/00000000000000000000000000000000-source";
    nixosConfigurations = { };
  };
}
