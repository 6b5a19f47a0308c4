{ lib, ... }:
{
  config = lib.mkMerge [
    { b = lib.mkMerge [ [ 1 ] [ 2 ] ]; }
    (lib.mkMerge [ { b = [ 3 ]; } { b = [ 4 ]; } ])
  ];
}
