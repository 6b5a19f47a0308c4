{ lib }:
{ nix = lib.strings.escapeNixString "a\"b$"; pretty = lib.generators.toPretty { } { a = [ 1 "x" ]; b = null; }; }
