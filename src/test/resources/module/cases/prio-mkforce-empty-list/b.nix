{ lib, ... }:
{ l = lib.mkForce [ ]; }
