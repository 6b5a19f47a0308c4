{ lib, ... }:
{
  a = 1;
  d = lib.mkIf false 2;
}
