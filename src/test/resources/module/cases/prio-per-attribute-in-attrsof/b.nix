{ lib, ... }:
{
  env = {
    A = "strong";
    B = lib.mkForce "forced";
  };
}
