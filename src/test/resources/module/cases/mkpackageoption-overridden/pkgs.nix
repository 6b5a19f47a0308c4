{
  _module.args.pkgs = {
    qemu_kvm = { type = "derivation"; name = "qemu-7.2"; outPath = "/nix/store/00000000000000000000000000000002-qemu-7.2"; };
    qemu = { type = "derivation"; name = "qemu-full-7.2"; outPath = "/nix/store/00000000000000000000000000000004-qemu-full-7.2"; };
  };
}
