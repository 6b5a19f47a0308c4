{ lib }:
builtins.listToAttrs [ (lib.nameValuePair "x" 1) (lib.nameValuePair "y" 2) (lib.nameValuePair "x" 3) ]
