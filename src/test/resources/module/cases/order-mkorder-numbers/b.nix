{ lib, ... }:
{ l = lib.mkOrder 200 [ "200" ]; }
