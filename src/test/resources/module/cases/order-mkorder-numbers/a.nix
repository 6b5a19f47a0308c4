{ lib, ... }:
{
  l = lib.mkMerge [
    (lib.mkOrder 300 [ "300-a" ])
    (lib.mkOrder 100 [ "100" ])
    (lib.mkOrder 300 [ "300-b" ])
  ];
}
