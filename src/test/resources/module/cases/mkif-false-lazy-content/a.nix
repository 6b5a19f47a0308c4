{ lib, ... }:
{ mem = lib.mkIf false (throw "not evaluated"); }
