{ lib, ... }:
{
  config = lib.mkMerge [
    { a = 1; b = [ 1 ]; }
    { b = [ 2 ]; }
  ];
}
