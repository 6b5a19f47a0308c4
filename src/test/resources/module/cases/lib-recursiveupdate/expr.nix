{ lib }:
lib.recursiveUpdate { a = { x = 1; y = 2; }; l = [ 1 ]; s = "left"; } { a = { y = 20; z = 30; }; l = [ 2 ]; }
