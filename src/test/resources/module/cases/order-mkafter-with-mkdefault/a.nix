{ lib, ... }:
{ l = lib.mkDefault (lib.mkBefore [ "weak-first" ]); }
