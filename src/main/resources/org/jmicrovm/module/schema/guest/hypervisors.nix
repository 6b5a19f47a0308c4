# Settings that only one hypervisor reads, and the packages the hypervisors come from.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;
  cfg = config.microvm;
  hostPackages = cfg.vmHostPackages;
  system = pkgs.stdenv.hostPlatform.system or pkgs.system;

  packageOption =
    name: attr:
    mkOption {
      type = types.package;
      default = hostPackages.${attr};
      defaultText = literalExpression "config.microvm.vmHostPackages.${attr}";
      description = "The ${name} package.";
    };

  extraArgsOption =
    name:
    mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Additional command-line arguments for ${name}.";
    };

  pcieRootPort = types.submodule {
    options = {
      id = mkOption {
        type = types.str;
        description = "Unique id of the root port.";
      };
      bus = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "PCIe bus the port is created on.";
      };
      chassis = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "Chassis number of the port.";
      };
      slot = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Slot number.";
      };
      addr = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Address on the parent bus.";
      };
    };
  };

  # The JSON value type of firecracker's extra configuration (what pkgs.formats.json gives).
  jsonValue =
    let
      base = types.oneOf [
        types.bool
        types.int
        types.float
        types.str
        types.path
        (types.attrsOf jsonValue)
        (types.listOf jsonValue)
      ];
    in
    types.nullOr base // { description = "JSON value"; };
in
{
  options.microvm = {
    qemu = {
      machine = mkOption {
        type = types.str;
        description = ''
          qemu machine type such as `microvm`, `q35` or `virt`. It defaults (with mkDefault) to
          `microvm` on x86_64-linux and `virt` on aarch64.
        '';
      };
      machineOpts = mkOption {
        type = types.nullOr (types.attrsOf types.str);
        default = null;
        description = "Machine properties replacing the built-in ones.";
      };
      extraArgs = extraArgsOption "qemu";
      serialConsole = mkOption {
        type = types.bool;
        default = true;
        description = "Give the guest a serial console on qemu's standard input and output.";
      };
      consoleSocket = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Give the guest a second, interactive console for `microvm console`: a virtio console (the
          guest's `hvc0`, running a root shell) on the UNIX socket `console.sock` in the VM's directory,
          which only the socket's owner can connect to. The serial console keeps going to the console
          log. jmicrovm's own option; the guest loads its driver after it reports ready. Turn it off
          to do without it.
        '';
      };
      pcieRootPorts = mkOption {
        type = types.listOf pcieRootPort;
        default = [ ];
        description = "PCIe root ports to create, e.g. for hot-plugging devices on q35.";
      };
      package = mkOption {
        type = types.package;
        default =
          if cfg.cpu == null && (hostPackages.stdenv.hostPlatform.isLinux or true) then
            hostPackages.qemu_kvm
          else
            hostPackages.qemu;
        defaultText = literalExpression ''
          if config.microvm.cpu == null && <host is Linux> then vmHostPackages.qemu_kvm else vmHostPackages.qemu
        '';
        description = "The qemu package.";
      };
    };

    cloud-hypervisor = {
      platformOEMStrings = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "io.systemd.credential:APIKEY=secret" ];
        description = ''
          OEM strings for `--platform oem_strings=[…]`, joined with commas. Give the strings
          only, without `oem_strings=` or brackets.
        '';
      };
      extraArgs = extraArgsOption "cloud-hypervisor";
      package = mkOption {
        type = types.package;
        default = if cfg.graphics.enable then hostPackages.cloud-hypervisor-graphics else hostPackages.cloud-hypervisor;
        defaultText = literalExpression ''
          if config.microvm.graphics.enable then vmHostPackages.cloud-hypervisor-graphics else vmHostPackages.cloud-hypervisor
        '';
        description = "The cloud-hypervisor package.";
      };
    };

    crosvm = {
      extraArgs = extraArgsOption "crosvm";
      pivotRoot = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Sandbox directory of crosvm.";
      };
      package = packageOption "crosvm" "crosvm";
    };

    firecracker = {
      cpu = mkOption {
        type = types.nullOr types.attrs;
        default = null;
        description = "Custom CPU template, written to firecracker's cpu-config file.";
      };
      driveIoEngine = mkOption {
        type = types.enum [ "Async" "Sync" ];
        default = "Async";
        description = "I/O engine of firecracker's drives.";
      };
      extraArgs = extraArgsOption "firecracker";
      extraConfig = mkOption {
        type = types.submodule { freeformType = jsonValue; };
        default = { };
        description = "JSON merged (recursively) into firecracker's configuration file.";
      };
      package = packageOption "firecracker" "firecracker";
    };

    kvmtool.package = packageOption "kvmtool" "kvmtool";
    stratovirt.package = packageOption "stratovirt" "stratovirt";
    alioth.package = packageOption "alioth" "alioth";

    vfkit = {
      extraArgs = extraArgsOption "vfkit";
      logLevel = mkOption {
        type = types.nullOr (types.enum [ "debug" "info" "error" ]);
        default = "info";
        description = "vfkit's log level.";
      };
      package = packageOption "vfkit" "vfkit";
      rosetta = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Run x86_64 binaries in an ARM64 guest with Rosetta (Apple Silicon hosts).";
        };
        install = mkOption {
          type = types.bool;
          default = false;
          description = "Install Rosetta on the host when it is missing.";
        };
        ignoreIfMissing = mkOption {
          type = types.bool;
          default = false;
          description = "Start anyway when Rosetta is unavailable.";
        };
      };
    };
  };

  config.microvm.qemu.machine = lib.mkMerge [
    (lib.mkIf (system == "x86_64-linux") (lib.mkDefault "microvm"))
    (lib.mkIf (lib.elem system [ "aarch64-linux" "aarch64-darwin" ]) (lib.mkDefault "virt"))
  ];
}
