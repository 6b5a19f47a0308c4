{
  _module.args.pkgs = {
    socat = { type = "derivation"; name = "socat-1.7"; outPath = "/nix/store/00000000000000000000000000000005-socat-1.7"; };
  };
}
