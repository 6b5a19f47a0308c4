{ lib, ... }:
{ mem = lib.mkIf true 1024; }
