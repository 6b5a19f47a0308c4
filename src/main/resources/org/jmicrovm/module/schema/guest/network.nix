# Network interfaces of a guest, user-mode port forwarding and AF_VSOCK.
{ config, lib, ... }:
let
  inherit (lib) mkOption types literalExpression;
  cfg = config.microvm;

  interface = types.submodule {
    options = {
      type = mkOption {
        type = types.enum [ "user" "tap" "macvtap" "bridge" ];
        description = "Kind of host-side interface.";
      };
      id = mkOption {
        type = types.str;
        description = "Interface name on the host (at most 15 characters, unique per VM).";
      };
      mac = mkOption {
        type = types.str;
        description = "MAC address of the guest's network card.";
      };
      bridge = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Host bridge to attach to; required for, and only allowed with, `type = \"bridge\"`.";
      };
      macvtap.link = mkOption {
        type = types.str;
        description = "Host interface a macvtap interface sits on.";
      };
      macvtap.mode = mkOption {
        type = types.enum [ "private" "vepa" "bridge" "passthru" "source" ];
        description = "macvtap mode.";
      };
      tap.vhost = mkOption {
        type = types.bool;
        default = false;
        description = "Let the host kernel's vhost-net move the packets of a tap interface (qemu).";
      };
    };
  };

  forwardedPort = types.submodule {
    options = {
      from = mkOption {
        type = types.enum [ "host" "guest" ];
        default = "host";
        description = "`host`: connections to the host port reach the guest port; `guest`: the reverse.";
      };
      proto = mkOption {
        type = types.enum [ "tcp" "udp" ];
        default = "tcp";
        description = "Protocol forwarded.";
      };
      host.address = mkOption {
        type = types.str;
        default = "";
        description = "Host IPv4 address (empty: any).";
      };
      host.port = mkOption {
        type = types.port;
        description = "Host port.";
      };
      guest.address = mkOption {
        type = types.str;
        default = "";
        description = "Guest IPv4 address on the user network (empty: the guest).";
      };
      guest.port = mkOption {
        type = types.port;
        description = "Guest port.";
      };
    };
  };
in
{
  options.microvm = {
    interfaces = mkOption {
      type = types.listOf interface;
      default = [ ];
      description = "Network cards of the guest and the host interfaces behind them.";
    };

    forwardPorts = mkOption {
      type = types.listOf forwardedPort;
      default = [ ];
      example = literalExpression ''[ { from = "host"; host.port = 2222; guest.port = 22; } ]'';
      description = ''
        Port forwards of qemu's user-mode network (IPv4 only). Needs `hypervisor = "qemu"` and an
        interface of type `user`.
      '';
    };

    vsock.cid = mkOption {
      type = types.nullOr types.int;
      default = null;
      description = "Context id of the guest's AF_VSOCK device; `null` means none. 0, 1 and 2 are reserved.";
    };

    vsock.ssh.enable = lib.mkEnableOption "an SSH server in the guest reachable from the host over AF_VSOCK (needs `vsock.cid`)";
  };
}
