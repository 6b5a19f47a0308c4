# Heavy: attribute-set-heavy folding (listToAttrs, mapAttrs, attrNames, dynamic attributes, //).
let
  n = 400000;
  base = builtins.listToAttrs (builtins.genList (i: { name = "k${toString i}"; value = i; }) n);
  doubled = builtins.mapAttrs (name: v: v * 2) base;
  summed = builtins.foldl' (acc: name: acc + doubled.${name}) 0 (builtins.attrNames doubled);
  buckets = builtins.foldl' (acc: i: acc // { "b${toString (builtins.bitAnd i 63)}" = i; }) { } (builtins.genList (i: i) 100000);
in { inherit summed; buckets = builtins.length (builtins.attrNames buckets); }
