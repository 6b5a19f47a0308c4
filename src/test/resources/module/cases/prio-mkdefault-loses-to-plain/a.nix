{ lib, ... }:
{ mem = lib.mkDefault 512; }
