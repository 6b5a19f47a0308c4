{ lib, ... }:
{
  env = {
    KEEP = "1";
    DROP = lib.mkIf false "2";
  };
}
