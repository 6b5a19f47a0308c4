{ lib }:
lib.mapAttrs' (name: value: lib.nameValuePair "microvm-${name}" (value * 2)) { a = 1; b = 2; }
