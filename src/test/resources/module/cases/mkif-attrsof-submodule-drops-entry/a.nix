{ lib, ... }:
{
  vms = {
    web = { };
    test = lib.mkIf false { mem = 64; };
  };
}
