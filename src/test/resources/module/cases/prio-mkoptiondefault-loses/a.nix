{ lib, ... }:
{ mem = lib.mkOptionDefault 1; }
