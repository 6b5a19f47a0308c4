{ lib, ... }:
{ mem = lib.mkForce (lib.mkIf false 1); }
