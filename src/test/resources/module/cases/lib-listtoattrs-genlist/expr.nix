{ lib }:
builtins.listToAttrs (builtins.genList (i: lib.nameValuePair "vd${builtins.elemAt (lib.stringToCharacters "abcdefgh") i}" i) 3)
