# Core guest options: which hypervisor runs the VM, its CPUs and memory, the kernel it boots
# and the runner's start-up hooks.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;
  cfg = config.microvm;
  hostName = config.networking.hostName;

  # A stable pseudo-UUID derived from the host name, laid out 8-4-4-4-12.
  machineIdFor =
    name:
    let
      hash = builtins.hashString "sha256" "microvm.nix:${name}";
      part = start: length: builtins.substring start length hash;
    in
    lib.concatStringsSep "-" [
      (part 0 8)
      (part 8 4)
      (part 12 4)
      (part 16 4)
      (part 20 12)
    ];
in
{
  imports = [
    (lib.mkRemovedOptionModule [ "microvm" "balloonMem" ]
      "microvm.balloonMem is gone; set the boolean microvm.balloon instead.")
  ];

  options.microvm = {
    guest.enable = mkOption {
      type = types.bool;
      default = true;
      description = "Whether the MicroVM guest support (mounts, checks, system tweaks) is active at all.";
    };

    optimize.enable = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Trim the guest for size and boot time: no documentation, a single serial console
        (`8250.nr_uarts=1`), networkd, no switch-to-configuration unless the host store is shared.
      '';
    };

    hypervisor = mkOption {
      type = types.enum [
        "qemu"
        "cloud-hypervisor"
        "firecracker"
        "crosvm"
        "kvmtool"
        "stratovirt"
        "alioth"
        "vfkit"
      ];
      default = "qemu";
      description = "The virtual machine monitor that runs this MicroVM.";
    };

    cpu = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = ''
        CPU model to emulate (qemu only, without hardware acceleration). Emulating a foreign
        architecture is slow. `null` runs the host's CPU type.
      '';
    };

    vcpu = mkOption {
      type = types.ints.positive;
      default = 1;
      description = "Number of virtual CPUs.";
    };

    mem = mkOption {
      type = types.ints.positive;
      default = 512;
      description = "Guest memory in MiB.";
    };

    hugepageMem = mkOption {
      type = types.bool;
      default = false;
      description = "Back guest memory with huge pages (honoured by cloud-hypervisor only).";
    };

    hotplugMem = mkOption {
      type = types.ints.unsigned;
      default = 0;
      description = "Upper limit in MiB of memory that can be added at run time through virtio-mem.";
    };

    hotpluggedMem = mkOption {
      type = types.ints.unsigned;
      default = cfg.hotplugMem;
      defaultText = literalExpression "config.microvm.hotplugMem";
      description = "How much of the hot-pluggable memory (MiB) the VM starts with.";
    };

    balloon = mkOption {
      type = types.bool;
      default = false;
      description = ''
        Attach a virtio-balloon device so that the host can reclaim guest memory by inflating
        it and hand it back by deflating it. virtio-mem is preferable where supported.
      '';
    };

    initialBalloonMem = mkOption {
      type = types.ints.unsigned;
      default = 0;
      description = "Balloon size in MiB at start (cloud-hypervisor only).";
    };

    deflateOnOOM = mkOption {
      type = types.bool;
      default = true;
      description = "Let the guest deflate the balloon when it runs out of memory.";
    };

    socket = mkOption {
      type = types.nullOr types.str;
      default = "${hostName}.sock";
      defaultText = literalExpression ''"''${config.networking.hostName}.sock"'';
      description = ''
        Path of the hypervisor's control socket. A relative path is taken relative to the VM's
        state directory. Graceful shutdown needs it; `null` disables it.
      '';
    };

    user = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = "User the hypervisor switches to when started as root (qemu only).";
    };

    preStart = mkOption {
      type = types.lines;
      default = "";
      description = "Shell commands run by the runner before it starts the hypervisor.";
    };

    extraArgsScript = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = ''
        A command run when the VM starts; its output (one line) is appended to the hypervisor's
        arguments.
      '';
    };

    kernel = mkOption {
      type = types.package;
      default = config.boot.kernelPackages.kernel;
      defaultText = literalExpression "config.boot.kernelPackages.kernel";
      description = "The kernel the runners boot. Prefer setting `boot.kernelPackages`.";
    };

    initrdPath = mkOption {
      # The original's default is the initrd NixOS builds; jmicrovm builds the initrd itself,
      # so "not set" (null) means "the initrd jmicrovm builds for this guest".
      type = types.nullOr types.path;
      default = null;
      defaultText = literalExpression "the initrd jmicrovm builds for this guest";
      description = "Initial ramdisk the runners boot; `null` uses the one jmicrovm builds.";
    };

    kernelParams = mkOption {
      type = types.listOf types.str;
      description = ''
        Kernel command line of the runners: `boot.kernelParams`, to which the build appends
        `init=<guest system>/init`. Kept apart from the guest system so that it may refer to it.
      '';
    };

    credentialFiles = mkOption {
      type = types.attrsOf types.path;
      default = { };
      example = literalExpression ''{ SOPS_AGE_KEY = "/run/secrets/age-key"; }'';
      description = ''
        systemd credentials handed to the guest, name to host file (qemu only). qemu passes each file
        as the fw_cfg entry `opt/io.systemd.credentials/<name>` (the path, not the content, is on its
        command line); jmicrovm's guest copies it to `/run/credentials/@system/<name>` (root only, in
        RAM) before services start, and services find it through `$CREDENTIALS_DIRECTORY`.
      '';
    };

    machineId = mkOption {
      type = types.nullOr types.str;
      default = machineIdFor hostName;
      defaultText = literalExpression ''a UUID-shaped prefix of sha256("microvm.nix:''${hostName}")'';
      example = "a67472e5-570e-5c8a-b18c-ae3c77701050";
      description = ''
        Machine UUID (8-4-4-4-12 hex digits), used for `/etc/machine-id`, the SMBIOS UUID (qemu)
        and machined registration. The default is derived from the host name, so it is never
        null unless set so.
      '';
    };

    registerWithMachined = mkOption {
      type = types.bool;
      default = false;
      description = "Register the running VM with systemd-machined on the host (class `vm`).";
    };

    prettyProcnames = mkOption {
      type = types.bool;
      default = true;
      description = "Name the hypervisor process `microvm@<hostName>`.";
    };

    vmHostPackages = mkOption {
      type = types.pkgs;
      default = if cfg.cpu == null then pkgs else pkgs.buildPackages;
      defaultText = literalExpression "if config.microvm.cpu == null then pkgs else pkgs.buildPackages";
      description = "Package set the hypervisor and its helpers come from.";
    };

    binScripts = mkOption {
      type = types.attrsOf types.lines;
      default = { };
      description = "Extra scripts placed in the runner's `bin/`, name to shell text.";
    };
  };

  config = lib.mkIf cfg.guest.enable (lib.mkMerge [
    {
      microvm.kernelParams = config.boot.kernelParams;
    }
    (lib.mkIf cfg.optimize.enable {
      # One serial console is enough and saves boot time.
      boot.kernelParams = [ "8250.nr_uarts=1" ];
    })
    (lib.mkIf (cfg.machineId != null) {
      environment.etc."machine-id".text = builtins.replaceStrings [ "-" ] [ "" ] cfg.machineId + "\n";
    })
  ]);
}
