# The host side of jmicrovm (`microvm.nixosModules.host`): the MicroVMs declared together with the
# host, and host-wide settings. A host configuration may be a whole NixOS configuration: what it
# sets outside `microvm.*` is accepted and ignored; unknown names below `microvm` are errors.
#
# Module arguments used: `pkgs`, the host's package set (the default package set of its VMs).
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;
  cfg = config.microvm;

  # Path of an attribute set whose attributes each hold one more set, down to the first leaf:
  # how a stray definition below `microvm` is named in the error message.
  firstPath =
    value:
    if builtins.isAttrs value && builtins.length (builtins.attrNames value) == 1 then
      let
        name = builtins.head (builtins.attrNames value);
      in
      [ name ] ++ firstPath value.${name}
    else
      [ ];

  # Definitions of options this schema does not declare. Outside `microvm` they belong to the
  # rest of a NixOS host configuration and are dropped; below `microvm` they are mistakes.
  outsideMicrovm = lib.mkOptionType {
    name = "nixosHostOptions";
    description = "NixOS host options outside microvm.* (accepted, ignored by jmicrovm)";
    merge =
      loc: defs:
      let
        strays = builtins.filter (def: def.value ? microvm) defs;
        stray = builtins.head strays;
      in
      if strays == [ ] then
        { }
      else
        throw "The option `${lib.showOption (firstPath stray.value)}' does not exist. Definition in `${stray.file}'.";
  };

  # A module value marked with the file it was defined in, without moving it below an `imports`.
  withFile =
    file: module:
    if builtins.isAttrs module then
      { _file = file; } // module
    else if builtins.isFunction module then
      lib.setFunctionArgs (args: withFile file (module args)) (lib.functionArgs module)
    else
      module;

  vmOptions =
    { config, name, ... }:
    {
      options = {
        config = mkOption {
          type = types.nullOr (
            lib.mkOptionType {
              name = "guestConfiguration";
              description = "MicroVM guest configuration (a module)";
              check = x: builtins.isAttrs x || builtins.isFunction x || builtins.isPath x;
              # Every definition is a module of the guest's own module system.
              merge =
                loc: defs:
                lib.evalModules {
                  prefix = [ "microvm" "vms" name "config" ];
                  specialArgs = config.specialArgs;
                  # As in the original, the definitions are top-level modules of the guest
                  # evaluation (so the schema's own list definitions come first); each keeps the
                  # file it was written in.
                  modules =
                    [
                      ./guest.nix
                      {
                        _file = "jmicrovm: defaults of VM ${name}";
                        networking.hostName = lib.mkDefault name;
                        _module.args.pkgs = if config.pkgs != null then config.pkgs else pkgs;
                      }
                    ]
                    ++ map (def: withFile def.file def.value) defs
                    ++ config.extraModules;
                };
            }
          );
          default = null;
          description = ''
            The VM's guest configuration written in place, as a module: a **fully declarative**
            VM. All definitions are merged into one guest configuration, evaluated against the
            guest options with `networking.hostName` defaulting to the VM's name.
          '';
        };

        evaluatedConfig = mkOption {
          type = types.nullOr types.unspecified;
          default = null;
          description = ''
            An already evaluated guest system (e.g. from `nixpkgs.lib.nixosSystem`), used instead
            of `config`. `flake` takes precedence over it, and it over `config`.
          '';
        };

        nixpkgs = mkOption {
          type = types.path;
          default = if config.pkgs != null then config.pkgs.path else pkgs.path;
          defaultText = literalExpression "pkgs.path";
          description = "Only used with `config`: the nixpkgs the guest is evaluated with (the host's by default).";
        };

        pkgs = mkOption {
          type = types.nullOr types.unspecified;
          default = pkgs;
          defaultText = literalExpression "pkgs";
          description = ''
            Only used with `config`: the package set of the guest, which also fixes its system
            (architecture). Defaults to the host's; `null` means a new package set.
          '';
        };

        specialArgs = mkOption {
          type = types.attrsOf types.unspecified;
          default = { };
          description = "Only used with `config`: extra arguments for the guest's modules.";
        };

        extraModules = mkOption {
          type = types.listOf types.deferredModule;
          default = [ ];
          defaultText = literalExpression "[ ]";
          description = "Only used with `config`: further modules merged into the guest configuration.";
        };

        flake = mkOption {
          type = types.nullOr types.path;
          default = null;
          defaultText = literalExpression "flakeInputs.my-infra";
          description = ''
            **Declarative deployment**: the flake whose `nixosConfigurations.<name>` is the guest.
            The VM is built with the host once; later updates come from `updateFlake`.
          '';
        };

        updateFlake = mkOption {
          type = types.nullOr types.str;
          default = null;
          defaultText = literalExpression ''"git+file:///home/user/my-infra"'';
          description = "Flake reference recorded for later `microvm -u` updates of a flake VM.";
        };

        autostart = mkOption {
          type = types.bool;
          default = true;
          description = "Start this VM with the host (adds it to `microvm.autostart`).";
        };

        restartIfChanged = mkOption {
          type = types.bool;
          default = config.config != null;
          defaultText = literalExpression "config != null";
          description = ''
            Restart the VM when a host switch changes it. True by default for fully declarative
            VMs only.
          '';
        };

        rollbackOnFailure = mkOption {
          type = types.bool;
          default = false;
          description = ''
            When a host switch starts or restarts this VM into a new runner, wait up to
            `microvm.host.startupTimeout` seconds for its guest to report that it is up (the
            `MICROVM-READY` line jmicrovm's guests print); if it does not, or the VM stops, go back to
            the runner it ran before and start that one again (as `microvm rollback -R`). The switch
            still fails, naming the VM. jmicrovm only: microvm.nix has no such option.
          '';
        };
      };
    };
in
{
  imports = [ ./common/assertions.nix ];

  options.microvm = {
    host.enable = mkOption {
      type = types.bool;
      default = true;
      description = "Whether the host side of jmicrovm is active.";
    };

    host.startupTimeout = mkOption {
      type = types.ints.positive;
      default = 150;
      description = "Seconds a VM may take to start, and to stop, before it counts as failed.";
    };

    host.useNotifySockets = mkOption {
      type = types.bool;
      default = false;
      description = ''
        Treat VMs as ready only when they notify readiness over vsock. Careful: a VM whose
        hypervisor does not notify then never counts as started. (jmicrovm: the units `microvm-host
        export-systemd` writes become `Type=notify`; jmicrovm's runners notify when their guest prints
        its ready line on the console, for every hypervisor.)
      '';
    };

    host.bridges = mkOption {
      type = types.attrsOf (types.submodule {
        options = {
          interfaces = mkOption {
            type = types.listOf types.str;
            default = [ ];
            example = [ "vm-*" ];
            description = "Ids of the VMs' tap interfaces that join the bridge when their VM starts; `*` and `?` match as in the shell.";
          };
          addresses = mkOption {
            type = types.listOf types.str;
            default = [ ];
            example = [ "10.0.0.1/24" ];
            description = "The bridge's own addresses, with prefix length (the VMs' gateway, typically).";
          };
          nat = mkOption {
            type = types.bool;
            default = false;
            description = ''
              Give the VMs on this bridge the host's way out: IPv4 forwarding on, and what leaves the
              bridge's IPv4 subnets for other networks masqueraded (nftables table `ip jmicrovm`, rewritten
              by every switch). The host's own firewall, if it filters forwarded traffic, must let it pass.
            '';
          };
          forwardPorts = mkOption {
            type = types.listOf (types.submodule {
              options = {
                proto = mkOption {
                  type = types.enum [ "tcp" "udp" ];
                  default = "tcp";
                  description = "The protocol forwarded.";
                };
                host.address = mkOption {
                  type = types.nullOr types.str;
                  default = null;
                  description = "The host's IPv4 address the port is forwarded on; `null`: every address of the host.";
                };
                host.port = mkOption {
                  type = types.port;
                  description = "The port of the host.";
                };
                guest.address = mkOption {
                  type = types.str;
                  example = "web";
                  description = "The VM's IPv4 address on this bridge, or a name of `dhcp.hosts` (the address reserved for it).";
                };
                guest.port = mkOption {
                  type = types.port;
                  description = "The port of the VM.";
                };
              };
            });
            default = [ ];
            example = literalExpression ''[ { host.port = 8080; guest.address = "web"; guest.port = 80; } ]'';
            description = ''
              Ports of the host forwarded to VMs on this bridge (nftables DNAT in the table `ip jmicrovm`), for
              connections from other machines and from the host itself (also to 127.0.0.1, for which the
              bridge gets `route_localnet`). The VM must route its answers through the host: its default
              gateway is the bridge's address (as DHCP on the bridge tells it). IPv4 forwarding is turned on.
              The host's own firewall, if it filters forwarded traffic, must let it pass.
            '';
          };
          dhcp = {
            enable = mkOption {
              type = types.bool;
              default = false;
              description = ''
                Lease addresses to the VMs on this bridge: dnsmasq runs on it (started by the switch, and
                again by a VM's start when it is not running, as after a host reboot), with the bridge's
                address as the VMs' router. Leases are kept in the state directory, so a VM keeps its
                address; `microvm status` shows it. Guests take it with `useDHCP` (the default of an
                interface without addresses). Needs an IPv4 address of the bridge. The bridge's IPv6
                addresses with a /64 prefix are advertised too: the VMs make their IPv6 addresses in them
                (SLAAC), which also resolve by the VMs' names; the host is not made their IPv6 router.
              '';
            };
            start = mkOption {
              type = types.nullOr types.str;
              default = null;
              example = "10.0.0.100";
              description = "First address leased; `null`: from the bridge's first IPv4 subnet, the larger run of addresses on either side of the bridge's own.";
            };
            end = mkOption {
              type = types.nullOr types.str;
              default = null;
              example = "10.0.0.199";
              description = "Last address leased (set together with `start`).";
            };
            hosts = mkOption {
              type = types.attrsOf types.str;
              default = { };
              example = { web = "10.0.0.10"; db = "10.0.0.11"; };
              description = ''
                Fixed addresses by host name: the VM whose DHCP request carries the name (jmicrovm's guests
                send their `networking.hostName`, which is the VM's name unless set) always gets the address,
                and no other client does. In one of the bridge's IPv4 subnets, inside or outside `start`-`end`.
              '';
            };
            dns = mkOption {
              type = types.bool;
              default = true;
              description = ''
                Also answer DNS on the bridge's addresses, and tell the VMs to use it: the VMs' names
                (as their DHCP requests give them) resolve to their leased addresses, other names through
                the host's own resolvers. `false` leaves port 53 to another server; guests then set
                `networking.nameservers`.
              '';
            };
          };
        };
      });
      default = { };
      example = literalExpression ''{ microvm = { interfaces = [ "vm-*" ]; addresses = [ "10.0.0.1/24" ]; nat = true; dhcp.enable = true; }; }'';
      description = ''
        Bridges on the host, made by `microvm-host switch` when missing (with their addresses, and up),
        and joined by the VMs' `tap` interfaces whose ids match `interfaces`, every time such a VM
        starts. What a NixOS host declares with systemd-networkd (`Name=vm-*`, `Bridge=…`), for hosts
        without it (with `nat`, also the masquerading a NixOS host gets from `networking.nat`; with `dhcp`,
        the addresses and names a NixOS host gets from a DHCP server on the bridge). jmicrovm only.
      '';
    };

    vms = mkOption {
      type = types.attrsOf (types.submodule vmOptions);
      default = { };
      description = "The MicroVMs built and managed together with the host, by name.";
    };

    stateDir = mkOption {
      type = types.path;
      default = "/var/lib/microvms";
      description = "Directory holding one subdirectory per VM.";
    };

    autostart = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = ''
        VMs started with the host, declared ones (those with `autostart = true` are added
        automatically) as well as ones created with the `microvm` command.
      '';
    };
  };

  config = lib.mkMerge [
    { _module.freeformType = outsideMicrovm; }
    (lib.mkIf cfg.host.enable {
      assertions = lib.concatMap (name: [
        {
          assertion = cfg.vms.${name}.config != null -> cfg.vms.${name}.flake == null;
          message = "vm ${name}: Fully-declarative VMs cannot also set a flake!";
        }
        {
          assertion = cfg.vms.${name}.config != null -> cfg.vms.${name}.updateFlake == null;
          message = "vm ${name}: Fully-declarative VMs cannot set a updateFlake!";
        }
      ]) (builtins.attrNames cfg.vms);

      microvm.autostart = builtins.filter (name: cfg.vms.${name}.autostart) (builtins.attrNames cfg.vms);
    })
  ];
}
