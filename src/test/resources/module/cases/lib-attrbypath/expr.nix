{ lib }:
{ present = lib.attrByPath [ "a" "b" ] "default" { a.b = "found"; }; missing = lib.attrByPath [ "a" "c" ] "default" { a.b = "found"; }; through-non-set = lib.attrByPath [ "a" "b" "c" ] "default" { a.b = 1; }; }
