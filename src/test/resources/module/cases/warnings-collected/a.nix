{ lib, ... }:
{
  mem = 16;
  warnings = lib.mkIf true [ "always warned" ];
}
