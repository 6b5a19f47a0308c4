{ lib, ... }:
{
  settings = {
    kept = lib.mkIf true "yes";
    dropped = lib.mkIf false "no";
    port = lib.mkDefault 80;
  };
}
