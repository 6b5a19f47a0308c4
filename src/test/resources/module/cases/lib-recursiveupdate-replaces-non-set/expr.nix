{ lib }:
lib.recursiveUpdate { a = { x = 1; }; b = 1; } { a = 5; b = { y = 2; }; }
