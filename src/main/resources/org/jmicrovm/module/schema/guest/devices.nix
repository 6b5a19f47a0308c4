# Host devices passed through to a guest, and graphics.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;
  hostName = config.networking.hostName;

  device = types.submodule {
    options = {
      bus = mkOption {
        type = types.enum [ "pci" "usb" ];
        description = "Bus the device sits on.";
      };
      path = mkOption {
        type = types.str;
        description = "The device on its bus: a PCI address such as `0000:06:00.1`, or `vendorid=0x…,productid=0x…` for USB.";
      };
      qemu.id = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "qemu device id.";
      };
      qemu.bus = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "qemu bus to attach the device to.";
      };
      qemu.deviceExtraArgs = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Extra qemu `-device` properties.";
      };
    };
  };
in
{
  options.microvm = {
    devices = mkOption {
      type = types.listOf device;
      default = [ ];
      example = literalExpression ''[ { bus = "pci"; path = "0000:01:00.0"; } ]'';
      description = "PCI and USB devices handed from the host to the guest.";
    };

    graphics = {
      enable = mkOption {
        type = types.bool;
        default = false;
        description = "Give the guest a display (see `graphics.backend`).";
      };
      backend = mkOption {
        type = types.enum [ "gtk" "cocoa" "headless" ];
        default = if pkgs.stdenv.hostPlatform.isDarwin or false then "cocoa" else "gtk";
        defaultText = literalExpression ''if pkgs.stdenv.hostPlatform.isDarwin then "cocoa" else "gtk"'';
        description = "qemu display: a window (gtk, cocoa) or none (headless, usable from a service).";
      };
      socket = mkOption {
        type = types.str;
        default = "${hostName}-gpu.sock";
        defaultText = literalExpression ''"''${config.networking.hostName}-gpu.sock"'';
        description = "vhost-user GPU socket (cloud-hypervisor, crosvm).";
      };
      vulkan = mkOption {
        type = types.nullOr (types.enum [ "venus" "drm_native_context" ]);
        default = null;
        description = "Vulkan pass-through protocol of qemu's virtio-gpu.";
      };
      hostmem = mkOption {
        type = types.str;
        default = "256M";
        description = "Size of virtio-gpu's host memory window, with an M or G suffix.";
      };
      crosvmPackage = mkOption {
        type = types.package;
        default = pkgs.crosvm;
        defaultText = literalExpression "pkgs.crosvm";
        description = "crosvm providing the GPU device for cloud-hypervisor and crosvm.";
      };
    };
  };
}
