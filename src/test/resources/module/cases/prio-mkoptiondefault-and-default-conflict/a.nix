{ lib, ... }:
{ mem = lib.mkOptionDefault 256; }
