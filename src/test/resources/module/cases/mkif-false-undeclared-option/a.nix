{ lib, ... }:
{ config = lib.mkIf false { memory = 2; }; }
