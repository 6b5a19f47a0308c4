{ lib, ... }:
{
  r = { inner = lib.mkIf true 1; };
}
