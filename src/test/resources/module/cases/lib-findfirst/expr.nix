{ lib }:
{ found = lib.findFirst (s: s.proto == "virtiofs") null [ { proto = "9p"; tag = "a"; } { proto = "virtiofs"; tag = "b"; } ]; none = lib.findFirst (x: x > 9) "none" [ 1 2 ]; }
