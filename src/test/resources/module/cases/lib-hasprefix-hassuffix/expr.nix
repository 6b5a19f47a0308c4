{ lib }:
{ p1 = lib.hasPrefix "/nix" "/nix/store"; p2 = lib.hasPrefix "nix" "/nix/store"; s1 = lib.hasSuffix ".sock" "web.sock"; s2 = lib.hasSuffix ".sock" "web.socket"; empty = lib.hasPrefix "" "x"; }
