{ lib, ... }:
{
  b = lib.mkDefault 2;
  c = 3;
  d = lib.mkOverride 42 4;
}
