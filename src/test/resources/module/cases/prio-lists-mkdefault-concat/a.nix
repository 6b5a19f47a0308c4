{ lib, ... }:
{ l = lib.mkDefault [ "a" ]; }
