{ lib }:
[ (lib.hasAttrByPath [ "a" "b" ] { a.b = null; }) (lib.hasAttrByPath [ "a" "c" ] { a.b = 1; }) ]
