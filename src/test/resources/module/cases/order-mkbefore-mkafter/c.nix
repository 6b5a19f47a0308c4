{ lib, ... }:
{ l = lib.mkBefore [ "first" ]; }
