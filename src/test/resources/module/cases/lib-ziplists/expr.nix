{ lib }:
lib.zipLists [ 1 2 ] [ "a" "b" "c" ]
