{ lib }:
{ a = lib.range 1 5; b = lib.range 3 2; c = lib.range 0 0; }
