{ lib, ... }:
{
  env = {
    A = lib.mkDefault "weak";
    B = "plain";
  };
}
