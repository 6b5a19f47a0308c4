{ lib }:
{ foldl = lib.foldl (acc: x: "(${acc} ${x})") "nil" [ "a" "b" ]; strict = lib.foldl' (acc: x: acc + x) 0 [ 1 2 3 ]; }
