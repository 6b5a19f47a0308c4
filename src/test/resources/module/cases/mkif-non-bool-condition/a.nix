{ lib, ... }:
{ mem = lib.mkIf "yes" 2; }
