{ lib }:
lib.concatMapStrings (x: "<${x}>") [ "a" "b" ]
