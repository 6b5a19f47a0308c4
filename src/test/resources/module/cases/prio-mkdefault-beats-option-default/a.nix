{ lib, ... }:
{ mem = lib.mkDefault 256; }
