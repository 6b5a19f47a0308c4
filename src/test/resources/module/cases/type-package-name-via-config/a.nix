{
  pkg = {
    type = "derivation";
    name = "busybox-1.36";
    outPath = "/nix/store/0000000000000000000000000000000b-busybox-1.36";
  };
}
