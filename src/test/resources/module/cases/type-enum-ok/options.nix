{ lib, ... }:
{
  options.hypervisor = lib.mkOption {
    type = lib.types.enum [ "qemu" "cloud-hypervisor" "firecracker" ];
    default = "qemu";
  };
}
