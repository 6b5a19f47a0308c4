{
  pkg = {
    type = "derivation";
    name = "hello-2.12";
    outPath = "/nix/store/0000000000000000000000000000000a-hello-2.12";
  };
}
