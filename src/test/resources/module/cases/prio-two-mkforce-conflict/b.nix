{ lib, ... }:
{ mem = lib.mkForce 2; }
