{
  _module.args.pkgs = {
    hello = { type = "derivation"; name = "hello-2.12"; outPath = "/nix/store/00000000000000000000000000000001-hello-2.12"; };
    qemu_kvm = { type = "derivation"; name = "qemu-7.2"; outPath = "/nix/store/00000000000000000000000000000002-qemu-7.2"; };
    linuxPackages.kernel = { type = "derivation"; name = "linux-6.1"; outPath = "/nix/store/00000000000000000000000000000003-linux-6.1"; };
  };
}
