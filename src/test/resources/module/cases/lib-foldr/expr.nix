{ lib }:
{ list = lib.foldr (x: acc: [ x ] ++ acc) [ ] [ 1 2 3 ]; str = lib.foldr (x: acc: "(${x} ${acc})") "nil" [ "a" "b" ]; }
