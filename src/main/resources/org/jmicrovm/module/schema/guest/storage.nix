# Storage of a guest: directories shared from the host, disk images, the Nix store (shared or
# packed into a disk image) and the virtiofs daemons serving the shares.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;
  cfg = config.microvm;
  hostName = config.networking.hostName;
  kernelAtLeast = lib.versionAtLeast config.boot.kernelPackages.kernel.version;

  share = types.submodule ({ config, ... }: {
    options = {
      tag = mkOption {
        type = types.str;
        description = "Tag under which the guest mounts the share; unique per VM.";
      };
      source = mkOption {
        type = types.nonEmptyStr;
        description = ''
          Directory on the host. Relative paths are relative to the VM's state directory.
          `"/nix/store"` is the host's store: sharing it turns `storeOnDisk` off.
        '';
      };
      mountPoint = mkOption {
        type = types.path;
        description = "Where the guest mounts the share.";
      };
      proto = mkOption {
        type = types.enum [ "9p" "virtiofs" ];
        default = "9p";
        description = "Transport of the share.";
      };
      socket = mkOption {
        type = types.nullOr types.str;
        default = if config.proto == "virtiofs" then "${hostName}-virtiofs-${config.tag}.sock" else null;
        defaultText = literalExpression ''
          if proto == "virtiofs" then "''${hostName}-virtiofs-''${tag}.sock" else null
        '';
        description = "Socket between virtiofsd and the hypervisor; required and unique for virtiofs.";
      };
      securityModel = mkOption {
        type = types.enum [ "passthrough" "none" "mapped" "mapped-file" ];
        default = "none";
        description = "9p security model (qemu).";
      };
      readOnly = mkOption {
        type = types.bool;
        default = false;
        description = "Share without write access.";
      };
      cache = mkOption {
        type = types.enum [ "auto" "always" "metadata" "never" ];
        default = "auto";
        description = "virtiofsd cache policy (ignored for 9p).";
      };
      posixAcl = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Give virtiofsd `--posix-acl --xattr`. Must be off when uid/gid translation is requested
          in `extraArgs`.
        '';
      };
      extraArgs = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "virtiofsd arguments for this share, after `microvm.virtiofsd.extraArgs`.";
      };
    };
  });

  volume = types.submodule {
    options = {
      image = mkOption {
        type = types.str;
        description = "Image file on the host; relative paths are relative to the VM's state directory.";
      };
      serial = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Serial number the guest sees for the disk.";
      };
      direct = mkOption {
        type = types.bool;
        default = false;
        description = "Open the image with O_DIRECT.";
      };
      readOnly = mkOption {
        type = types.bool;
        default = false;
        description = "Attach the disk read-only.";
      };
      label = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = ''
          File-system label given when the image is created; the guest then mounts it by label.
          Only meaningful with `autoCreate`.
        '';
      };
      mountPoint = mkOption {
        type = types.nullOr types.path;
        description = "Where the guest mounts the volume; `null` leaves it unmounted. Required.";
      };
      size = mkOption {
        type = types.int;
        description = "Size in MiB of an image created automatically.";
      };
      autoCreate = mkOption {
        type = types.bool;
        default = true;
        description = "Create and format the image before start if it does not exist.";
      };
      mkfsExtraArgs = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Additional arguments for mkfs when the image is created.";
      };
      fsType = mkOption {
        type = types.str;
        default = "ext4";
        description = "File system created on a new image and used to mount it.";
      };
      imageType = mkOption {
        type = types.enum [ "raw" "qcow2" "vhd" "vhdx" ];
        default = "raw";
        description = "Image format told to the hypervisor (cloud-hypervisor only); creation is always raw.";
      };
    };
  };
in
{
  options.microvm = {
    shares = mkOption {
      type = types.listOf share;
      default = [ ];
      description = "Host directories shared with the guest over 9p or virtiofs.";
    };

    volumes = mkOption {
      type = types.listOf volume;
      default = [ ];
      description = "Disk images attached to the guest, in this order (`/dev/vda`, `/dev/vdb`, …).";
    };

    storeOnDisk = mkOption {
      type = types.bool;
      default = !lib.any (s: s.source == "/nix/store") cfg.shares;
      defaultText = literalExpression ''!lib.any (share: share.source == "/nix/store") config.microvm.shares'';
      description = "Boot with a disk image of the guest's store closure, unless the host's store is shared.";
    };

    storeDiskType = mkOption {
      type = types.enum [ "squashfs" "erofs" ];
      description = "File system of the store disk: squashfs is smaller, erofs faster (the default).";
    };

    storeDiskErofsFlags = mkOption {
      type = types.listOf types.str;
      default =
        [ "-zlz4hc" ]
        ++ lib.optional (kernelAtLeast "5.16") "-Eztailpacking"
        ++ lib.optional (kernelAtLeast "6.1") "-Efragments";
      defaultText = literalExpression ''
        [ "-zlz4hc" ] ++ optional (kernel >= 5.16) "-Eztailpacking" ++ optional (kernel >= 6.1) "-Efragments"
      '';
      description = "Arguments for mkfs.erofs. `-Ededupe` shrinks the image but forces a single thread.";
    };

    storeDiskSquashfsFlags = mkOption {
      type = types.listOf types.str;
      default = [ "-c" "zstd" "-j" "$NIX_BUILD_CORES" ];
      description = "Arguments for the squashfs image builder.";
    };

    registerClosure = mkOption {
      type = types.bool;
      default = cfg.guest.enable;
      defaultText = literalExpression "config.microvm.guest.enable";
      example = true;
      description = "Whether to load the store paths of the guest's closure into its Nix database at boot.";
    };

    writableStoreOverlay = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/nix/.rw-store";
      description = ''
        Guest path of a writable upper layer over the read-only store, which lets the guest build
        and install software. It should live on a volume.
      '';
    };

    systemSymlink = mkOption {
      type = types.bool;
      default = !cfg.storeOnDisk;
      defaultText = literalExpression "!config.microvm.storeOnDisk";
      description = "Put `share/microvm/system` (a link to the guest system) into the runner; `microvm -l` needs it.";
    };

    virtiofsd = {
      inodeFileHandles = mkOption {
        type = types.nullOr (types.enum [ "never" "prefer" "mandatory" ]);
        default = "prefer";
        description = "virtiofsd `--inode-file-handles`; `never` helps with \"too many open files\".";
      };
      threadPoolSize = mkOption {
        type = types.oneOf [ types.str types.ints.unsigned ];
        default = "`nproc`";
        description = "virtiofsd worker threads; the string \"`nproc`\" means one per host core.";
      };
      group = mkOption {
        type = types.nullOr types.str;
        default = "kvm";
        description = "Group owning virtiofsd's sockets; `null` keeps the hypervisor user's group.";
      };
      extraArgs = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Arguments given to every virtiofsd of this VM.";
      };
      package = mkOption {
        type = types.package;
        default = cfg.vmHostPackages.virtiofsd;
        defaultText = literalExpression "config.microvm.vmHostPackages.virtiofsd";
        description = "The virtiofsd package.";
      };
    };
  };

  config = lib.mkIf (cfg.guest.enable && cfg.storeOnDisk) {
    # The original prefers squashfs under the hardened profile (flushL1DataCache = "always");
    # jmicrovm's guests have no such option, so the preference is erofs.
    microvm.storeDiskType = lib.mkDefault "erofs";
  };
}
