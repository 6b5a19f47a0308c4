{ lib, ... }:
{ mem = lib.mkIf false 1024; }
