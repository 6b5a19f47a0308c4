{ lib, ... }:
{ mem = lib.mkOverride 10 2; }
