# Heavy: string building (interpolation, concatenation, concatStringsSep, replaceStrings, stringLength).
let
  line = i: "line ${toString i}: ${builtins.replaceStrings [ "a" "e" ] [ "4" "3" ] "the answer is near"}\n";
  text = builtins.concatStringsSep "" (builtins.genList line 700000);
  grown = builtins.foldl' (acc: i: acc + toString i) "" (builtins.genList (i: i) 40000);
in { text = builtins.stringLength text; grown = builtins.stringLength grown; hash = builtins.hashString "sha256" text; }
