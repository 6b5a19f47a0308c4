{ lib, ... }:
{ l = lib.mkBefore [ "b" ]; }
