{ lib, ... }:
{
  env = lib.mkIf false { A = "1"; };
}
