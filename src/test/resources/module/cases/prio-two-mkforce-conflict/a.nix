{ lib, ... }:
{ mem = lib.mkForce 1; }
