{ lib }:
{ replaced = builtins.replaceStrings [ "-" ] [ "" ] "1234-5678-90"; padded = lib.fixedWidthString 5 "0" "42"; number = lib.fixedWidthNumber 3 7; }
