{ lib, ... }:
{
  config = lib.mkMerge [
    (lib.mkIf true { a = lib.mkDefault 1; })
    (lib.mkIf false { b = 99; })
    { a = 2; b = lib.mkDefault 3; }
  ];
}
