{ lib }:
{ lines = lib.concatLines [ "a" "b" ]; inter = lib.intersperse "," [ "a" "b" "c" ]; chars = lib.stringToCharacters "abc"; int = lib.toInt "42"; }
