{ lib, ... }:
{ l = lib.mkDefault [ "weak" ]; }
