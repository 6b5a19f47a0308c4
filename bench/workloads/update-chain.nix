# Heavy: a deep chain of // updates, each adding and overriding attributes.
let
  step = acc: i: acc // { "a${toString (builtins.bitAnd i 1023)}" = i; last = i; count = (acc.count or 0) + 1; };
  final = builtins.foldl' step { } (builtins.genList (i: i) 34000);
in { inherit (final) last count; size = builtins.length (builtins.attrNames final); }
