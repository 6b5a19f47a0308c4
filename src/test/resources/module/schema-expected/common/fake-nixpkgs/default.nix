# A stand-in for `import nixpkgs { system = …; }` with just what jmicrovm's schemas read:
# `_type = "pkgs"`, `system`, `path`, `stdenv.hostPlatform`, `buildPackages` and the packages
# that option defaults name (as derivation-shaped attribute sets, never built).
{ system ? "x86_64-linux", ... }:
let
  fakeHash = name: builtins.substring 0 32 (builtins.hashString "sha256" "${system}:${name}");
  package = pname: version: {
    type = "derivation";
    name = "${pname}-${version}";
    inherit pname version system;
    outPath = "/nix/store/${fakeHash pname}-${pname}-${version}";
  };
  self = {
    _type = "pkgs";
    inherit system;
    path = "/nix/store/${fakeHash "nixpkgs"}-nixpkgs";
    stdenv.hostPlatform = {
      inherit system;
      isLinux = builtins.elem system [ "x86_64-linux" "aarch64-linux" ];
      isDarwin = system == "aarch64-darwin";
      isx86_64 = system == "x86_64-linux";
      isAarch64 = builtins.elem system [ "aarch64-linux" "aarch64-darwin" ];
    };
    buildPackages = self;
    linuxPackages.kernel = package "linux" "6.1.0";
    busybox = package "busybox" "1.36.1";
    hello = package "hello" "2.12.1";
    qemu = package "qemu" "7.2.0";
    qemu_kvm = package "qemu-host-cpu-only" "7.2.0";
    virtiofsd = package "virtiofsd" "1.7.0";
    cloud-hypervisor = package "cloud-hypervisor" "41.0";
    cloud-hypervisor-graphics = package "cloud-hypervisor-graphics" "41.0";
    firecracker = package "firecracker" "1.10.1";
    crosvm = package "crosvm" "130.0";
    kvmtool = package "kvmtool" "3.18";
    stratovirt = package "stratovirt" "2.4.0";
    alioth = package "alioth" "0.6.0";
    vfkit = package "vfkit" "0.6.0";
  };
in
self
