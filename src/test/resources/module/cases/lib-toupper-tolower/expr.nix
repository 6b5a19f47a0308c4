{ lib }:
{ up = lib.toUpper "Hello, World 1"; down = lib.toLower "ÄBC Def"; }
