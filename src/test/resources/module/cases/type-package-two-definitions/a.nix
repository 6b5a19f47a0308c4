{
  pkg = { type = "derivation"; name = "a"; outPath = "/nix/store/0000000000000000000000000000000a-a"; };
}
