{ lib, ... }:
{
  l = lib.mkMerge [
    (lib.mkIf true [ "one" ])
    (lib.mkIf false [ "two" ])
    [ "three" ]
  ];
}
