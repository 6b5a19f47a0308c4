# What a guest configuration must satisfy (assertions) and what deserves a warning. Besides the
# original's guest assertions this states its per-hypervisor support matrix: where the original
# throws while building the runner of the chosen hypervisor, jmicrovm reports an assertion, so that
# every problem of a configuration is listed at once.
{ config, lib, ... }:
let
  cfg = config.microvm;
  hv = cfg.hypervisor;
  hostName = config.networking.hostName;
  prefix = "MicroVM ${hostName}:";

  check = assertion: message: {
    inherit assertion;
    message = "${prefix} ${message}";
  };

  # One assertion per group of list entries sharing a key: the key must be unique.
  unique =
    what: keyOf: entries:
    lib.mapAttrsToList (
      key: group: check (builtins.length group == 1) "${what} \"${key}\" is used ${toString (builtins.length group)} > 1 times."
    ) (builtins.groupBy keyOf entries);

  virtiofsShares = builtins.filter (s: s.proto == "virtiofs") cfg.shares;
  ninePShares = builtins.filter (s: s.proto == "9p") cfg.shares;
  interfacesOfType = type: builtins.filter (i: i.type == type) cfg.interfaces;
  devicesOnBus = bus: builtins.filter (d: d.bus == bus) cfg.devices;
  hotplugging = cfg.hotplugMem != 0 || cfg.hotpluggedMem != 0;

  # The hypervisor chosen does not support something the configuration uses.
  unsupportedBy =
    hypervisors: used: what:
    lib.optional (lib.elem hv hypervisors) (check (!used) "${hv} does not support ${what}.");

  # Values following each occurrence of `flag` in an argument list.
  argValues =
    flag: args:
    let
      indexed = lib.imap0 (i: a: { inherit i a; }) args;
    in
    lib.concatMap (
      { i, a }: lib.optional (a == flag && i + 1 < builtins.length args) (builtins.elemAt args (i + 1))
    ) indexed;

  # `key=value` fields of a comma-separated option string.
  hasParam = key: str: lib.any (lib.hasPrefix "${key}=") (lib.splitString "," str);

  chArgs = cfg.cloud-hypervisor.extraArgs;
  knownFsTypes = [ "ext2" "ext3" "ext4" "xfs" "btrfs" "vfat" ];
in
{
  config = lib.mkIf cfg.guest.enable {
    assertions =
      unique "volume image" (v: v.image) cfg.volumes
      ++ unique "interface id" (i: i.id) cfg.interfaces
      ++ map (
        i:
        if i.type == "bridge" then
          check (i.bridge != null) "interface ${i.id} is of type \"bridge\" but names no bridge to attach to."
        else
          check (i.bridge == null) "interface ${i.id} is not of type \"bridge\", so it must not set `bridge`."
      ) cfg.interfaces
      ++ map (
        i: check (builtins.stringLength i.id <= 15) "interface name ${i.id} is longer than Linux's limit of 15 characters."
      ) cfg.interfaces
      ++ unique "share tag" (s: s.tag) cfg.shares
      ++ unique "share socket" (s: toString s.socket) virtiofsShares
      ++ map (s: check (s.socket != null) "virtiofs share with tag \"${s.tag}\" has no `socket` path.") virtiofsShares
      ++ map (
        s:
        check
          (
            !(s.posixAcl
              && lib.any (a: lib.hasInfix "--translate-uid" a || lib.hasInfix "--translate-gid" a) (
                cfg.virtiofsd.extraArgs ++ s.extraArgs
              ))
          )
          "virtiofs share \"${s.tag}\" has posixAcl = true, but its virtiofsd arguments translate uids/gids, which excludes --posix-acl. Set posixAcl = false on this share."
      ) virtiofsShares
      ++ [
        (check (
          cfg.forwardPorts != [ ] -> (hv == "qemu" && interfacesOfType "user" != [ ])
        ) "`microvm.forwardPorts` works only with qemu and an interface of `type = \"user\"`.")
        (check (cfg.vsock.ssh.enable -> cfg.vsock.cid != null) "microvm.vsock.ssh.enable needs microvm.vsock.cid to be set.")
      ]
      ++ lib.optionals (hv == "cloud-hypervisor") [
        (check (!lib.any (lib.hasInfix "oem_strings") cfg.cloud-hypervisor.platformOEMStrings)
          "`microvm.cloud-hypervisor.platformOEMStrings` items must not contain `oem_strings`.")
        (check (!lib.any (hasParam "oem_strings") (argValues "--platform" chArgs))
          "pass OEM strings through `microvm.cloud-hypervisor.platformOEMStrings`, not `--platform oem_strings=` in extraArgs.")
        (check (!(cfg.vsock.cid != null && lib.any (hasParam "cid") (argValues "--vsock" chArgs)))
          "`microvm.vsock.cid` and a `--vsock cid=…` in `microvm.cloud-hypervisor.extraArgs` cannot both be set.")
        (check (!lib.any (hasParam "boot") (argValues "--cpus" chArgs))
          "`microvm.vcpu` and a `--cpus boot=…` in `microvm.cloud-hypervisor.extraArgs` cannot both be set.")
      ]
      # Volumes being created need a known mkfs for every volume's file system.
      ++ lib.optionals (lib.any (v: v.autoCreate) cfg.volumes) (
        map (v: check (lib.elem v.fsType knownFsTypes) "do not know how to create a ${v.fsType} file system (volume ${v.image}).") cfg.volumes
      )
      # The support matrix of the hypervisors (microvm.nix's runners throw for these).
      ++ unsupportedBy [ "firecracker" ] (cfg.shares != [ ]) "shares (neither 9p nor virtiofs)"
      ++ unsupportedBy [ "cloud-hypervisor" "stratovirt" "alioth" "vfkit" ] (ninePShares != [ ]) "9p shares; use proto = \"virtiofs\""
      ++ unsupportedBy [ "crosvm" "kvmtool" ] (lib.any (s: s.readOnly) ninePShares) "read-only 9p shares"
      ++ unsupportedBy [ "kvmtool" ] (virtiofsShares != [ ]) "virtiofs shares"
      ++ unsupportedBy [ "cloud-hypervisor" "firecracker" "crosvm" "alioth" ] (interfacesOfType "user" != [ ]) "interfaces of type \"user\""
      ++ unsupportedBy [ "vfkit" ] (interfacesOfType "tap" != [ ]) "interfaces of type \"tap\""
      ++ unsupportedBy [ "firecracker" "alioth" "vfkit" ] (interfacesOfType "macvtap" != [ ]) "interfaces of type \"macvtap\""
      ++ unsupportedBy [ "cloud-hypervisor" "firecracker" "crosvm" "kvmtool" "alioth" "vfkit" ] (interfacesOfType "bridge" != [ ]) "interfaces of type \"bridge\""
      ++ unsupportedBy [ "vfkit" ] (cfg.vsock.cid != null) "vsock"
      ++ unsupportedBy [ "firecracker" "stratovirt" "alioth" "vfkit" ] cfg.balloon "memory ballooning (microvm.balloon)"
      ++ unsupportedBy [ "qemu" "firecracker" "crosvm" "kvmtool" "stratovirt" "alioth" ] (cfg.initialBalloonMem != 0) "microvm.initialBalloonMem"
      ++ unsupportedBy [ "firecracker" "crosvm" "kvmtool" "stratovirt" "alioth" ] hotplugging "memory hot-plug (microvm.hotplugMem, microvm.hotpluggedMem)"
      ++ lib.optional (hv == "qemu" && cfg.hotplugMem > 0 && cfg.qemu.machine == "microvm")
        (check false "qemu's microvm machine type does not support virtio-mem (microvm.hotplugMem); choose another microvm.qemu.machine.")
      ++ unsupportedBy [ "firecracker" "alioth" "vfkit" ] (devicesOnBus "pci" != [ ]) "PCI passthrough"
      ++ unsupportedBy [ "cloud-hypervisor" "firecracker" "crosvm" "kvmtool" "alioth" "vfkit" ] (devicesOnBus "usb" != [ ]) "USB passthrough"
      ++ unsupportedBy [ "cloud-hypervisor" "firecracker" "crosvm" "kvmtool" "stratovirt" "alioth" "vfkit" ] (cfg.credentialFiles != { }) "microvm.credentialFiles"
      ++ unsupportedBy [ "cloud-hypervisor" "firecracker" "crosvm" "kvmtool" "alioth" "vfkit" ] (cfg.user != null) "changing the user (microvm.user)"
      ++ lib.optional (hv == "firecracker")
        (check (cfg.socket != null) "firecracker needs an API socket (microvm.socket).")
      ++ lib.optional (hv == "vfkit")
        (check false "vfkit runs only on macOS hosts.");

    warnings =
      lib.optional (cfg.mem < 32) "${prefix} ${toString cfg.mem} MB of RAM is uncomfortably narrow."
      ++ lib.optional (hv == "qemu" && cfg.mem == 2048) "${prefix} QEMU hangs if memory is exactly 2 GB (microvm.nix issue #171)."
      ++ lib.optional (hv == "cloud-hypervisor" && cfg.vsock.cid == null && argValues "--vsock" chArgs == [ ])
        "${prefix} cloud-hypervisor can notify systemd through vsock only when `microvm.vsock.cid` is set."
      ++ lib.concatMap (
        v:
        lib.optional (v.label != null && !v.autoCreate)
          "${prefix} volume ${v.image} is labelled only when it is created (autoCreate); label it yourself."
        ++ lib.optional (lib.elem hv [ "firecracker" "kvmtool" "alioth" ] && v.serial != null)
          "${prefix} ${hv} does not support volume serial numbers (volume ${v.image})."
        ++ lib.optional (lib.elem hv [ "firecracker" "alioth" ] && v.direct)
          "${prefix} ${hv} does not support direct I/O on volumes (volume ${v.image})."
      ) cfg.volumes;
  };
}
