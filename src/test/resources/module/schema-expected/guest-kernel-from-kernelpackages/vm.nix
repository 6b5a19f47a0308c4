{
  boot.kernelPackages.kernel = {
    type = "derivation";
    name = "linux-5.15.0";
    version = "5.15.0";
    outPath = "/nix/store/00000000000000000000000000000005-linux-5.15.0";
  };
}
