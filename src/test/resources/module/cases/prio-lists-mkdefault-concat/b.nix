{ lib, ... }:
{ l = lib.mkDefault [ "b" ]; }
