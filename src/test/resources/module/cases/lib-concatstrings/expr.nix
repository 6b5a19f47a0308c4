{ lib }:
{ joined = lib.concatStrings [ "a" "b" "c" ]; sep = lib.concatStringsSep " " [ "-m" "256" ]; empty = lib.concatStringsSep "," [ ]; }
