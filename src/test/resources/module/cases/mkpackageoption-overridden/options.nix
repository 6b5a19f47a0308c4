{ lib, pkgs, ... }:
{
  options.hypervisor.package = lib.mkPackageOption pkgs "qemu_kvm" { };
}
