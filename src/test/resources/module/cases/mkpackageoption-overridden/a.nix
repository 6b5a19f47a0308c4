{ pkgs, ... }:
{ hypervisor.package = pkgs.qemu; }
