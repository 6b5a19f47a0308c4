{ lib, ... }:
{ mem = lib.mkDefault 2; }
