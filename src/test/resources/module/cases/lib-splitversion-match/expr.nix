{ lib }:
{ m = builtins.match "([a-z]+)-([0-9]+)" "vm-12"; s = builtins.filter builtins.isString (builtins.split "[[:space:]]+" "a  b c"); }
