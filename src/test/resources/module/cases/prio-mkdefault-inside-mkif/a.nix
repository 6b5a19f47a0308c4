{ lib, ... }:
{ mem = lib.mkIf true (lib.mkDefault 256); }
