# Heavy: sorting 100 000 numbers with a Nix comparator (eight differently scrambled lists), checking the order.
let
  scrambled = seed: builtins.genList (i: builtins.bitAnd ((i + seed) * 2654435761) 1048575) 100000;
  check = seed: let sorted = builtins.sort (a: b: a < b) (scrambled seed); in
    [ (builtins.head sorted) (builtins.elemAt sorted 50000) (builtins.elemAt sorted 99999) ];
in map check [ 1 2 3 4 5 6 7 8 ]
