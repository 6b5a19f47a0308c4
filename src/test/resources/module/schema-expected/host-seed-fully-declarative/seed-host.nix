# jmicrovm puts `nixpkgs` (and `microvm`) into the scope of a host configuration file, which
# the seed's first example relies on (`import nixpkgs` with `nixpkgs` free). nix-instantiate, the
# oracle, gets the same scope through builtins.scopedImport.
args@{ nixpkgs, ... }:
(builtins.scopedImport { inherit nixpkgs; } ./seed.nix) args
