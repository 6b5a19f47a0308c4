{ lib, ... }:
{ mem = lib.mkDefault 99; }
