{ lib, ... }:
{
  vms.web = {
    mem = lib.mkDefault 256;
    vcpu = 4;
  };
}
