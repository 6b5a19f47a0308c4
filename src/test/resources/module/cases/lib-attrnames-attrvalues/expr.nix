{ lib }:
{ names = lib.attrNames { b = 1; a = 2; B = 3; "10" = 4; "9" = 5; }; values = lib.attrValues { b = 1; a = 2; B = 3; }; }
