{ lib }:
{ b = lib.boolToString true; id = lib.id 3; const = lib.const 1 2; pipe = lib.pipe 2 [ (x: x * 3) toString ]; mod = lib.mod 7 3; max = lib.max 2 5; min = lib.min 2 5; }
