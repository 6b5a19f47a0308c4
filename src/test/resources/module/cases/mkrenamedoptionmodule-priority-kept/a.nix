{ lib, ... }:
{ microvm.memory = lib.mkDefault 2048; }
