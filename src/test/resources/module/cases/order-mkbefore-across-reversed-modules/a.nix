{ lib, ... }:
{ l = lib.mkBefore [ "a" ]; }
