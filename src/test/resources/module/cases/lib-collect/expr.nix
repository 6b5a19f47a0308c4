{ lib }:
lib.collect builtins.isInt { a = { b = 1; c = "x"; }; d = 2; }
