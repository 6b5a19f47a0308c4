{ lib }:
{ removed = removeAttrs { a = 1; b = 2; } [ "b" ]; inter = builtins.intersectAttrs { a = null; } { a = 1; b = 2; }; merged = lib.mergeAttrsList [ { a = 1; } { b = 2; } { a = 3; } ]; }
