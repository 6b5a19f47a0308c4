{ lib, ... }:
{ l = lib.mkMerge [ [ "a1" ] [ "a2" ] [ "a3" ] ]; }
