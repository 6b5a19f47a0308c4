{ lib, ... }:
{
  options.hypervisor = lib.mkOption { type = lib.types.enum [ "qemu" "firecracker" ]; };
}
