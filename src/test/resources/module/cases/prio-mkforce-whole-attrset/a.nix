{ lib, ... }:
{ config = lib.mkForce { a = 1; b = 2; }; }
