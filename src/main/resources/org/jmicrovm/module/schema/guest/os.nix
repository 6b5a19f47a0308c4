# The operating-system options of a guest that jmicrovm's guest builder implements, with NixOS'
# names, types and defaults. Only these exist: any other NixOS option set in a guest is an error.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption types literalExpression;

  ipv4Address = types.submodule {
    options = {
      address = mkOption {
        type = types.str;
        description = "IPv4 address of the interface.";
      };
      prefixLength = mkOption {
        type = types.ints.between 0 32;
        description = "Length of the network prefix, e.g. 24.";
      };
    };
  };

  networkInterface = types.submodule ({ name, ... }: {
    options = {
      name = mkOption {
        type = types.str;
        default = name;
        description = "Name of the interface inside the guest.";
      };
      useDHCP = mkOption {
        type = types.nullOr types.bool;
        default = null;
        description = "Configure the interface by DHCP; `null` leaves the decision to the global setting (no DHCP).";
      };
      ipv4.addresses = mkOption {
        type = types.listOf ipv4Address;
        default = [ ];
        example = [ { address = "10.0.0.2"; prefixLength = 24; } ];
        description = "Static IPv4 addresses of the interface.";
      };
    };
  });

  gateway = types.submodule {
    options = {
      address = mkOption {
        type = types.str;
        description = "Address of the default gateway.";
      };
      interface = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Interface through which the gateway is reached.";
      };
      metric = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "Metric of the default route.";
      };
    };
  };

  etcFile = types.submodule ({ name, config, ... }: {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the file is created.";
      };
      target = mkOption {
        type = types.str;
        default = name;
        description = "Path of the file relative to `/etc`.";
      };
      text = mkOption {
        type = types.nullOr types.lines;
        default = null;
        description = "Content of the file. Either this or `source` must be set.";
      };
      source = mkOption {
        # NixOS derives `source` from `text` by writing a store file; jmicrovm's builder does
        # that, so here `source` stays null unless given.
        type = types.nullOr types.path;
        default = null;
        description = "File whose content (or link target) the file gets, when `text` is not set.";
      };
      mode = mkOption {
        type = types.str;
        default = "symlink";
        example = "0600";
        description = "`symlink` to link to the content, or an octal mode to copy it with these permissions.";
      };
    };
  });

  service = types.submodule {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the service exists.";
      };
      description = mkOption {
        type = types.str;
        default = "";
        description = "One-line description of the service.";
      };
      script = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands the service runs.";
      };
      preStart = mkOption {
        type = types.lines;
        default = "";
        description = ''
          Shell commands run before the service's `script` or `serviceConfig.ExecStart`, as its user, each
          time it starts; the first that fails stops the start (as systemd's `ExecStartPre=` of NixOS).
        '';
      };
      wantedBy = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "multi-user.target" ];
        description = "Units that pull this service in when they start.";
      };
      after = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Units this service starts after.";
      };
      environment = mkOption {
        type = types.attrsOf (types.nullOr (types.oneOf [ types.str types.path types.package ]));
        default = { };
        description = "Environment variables of the service.";
      };
      path = mkOption {
        type = types.listOf types.package;
        default = [ ];
        example = literalExpression "[ pkgs.curl ]";
        description = "Packages the service needs; installed in the guest like `environment.systemPackages`.";
      };
      serviceConfig.Restart = mkOption {
        type = types.enum [ "no" "on-success" "on-failure" "on-abnormal" "on-watchdog" "on-abort" "always" ];
        default = "no";
        description = "When the service is restarted after it stops (systemd's `Restart=`).";
      };
      serviceConfig.RestartSec = mkOption {
        type = types.either types.ints.unsigned (types.strMatching "[0-9]+s?");
        default = 1;
        example = "5s";
        description = "Seconds to wait before a restart (systemd's `RestartSec=`, in whole seconds).";
      };
      serviceConfig.Type = mkOption {
        type = types.enum [ "simple" "exec" "oneshot" ];
        default = "simple";
        description = ''
          `simple`/`exec`: the script is the service's process; `oneshot`: it runs once to its end, and
          a status 0 is not reported as the service ending (systemd's `Type=`).
        '';
      };
      serviceConfig.User = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "www-data";
        description = "The user the service runs as (systemd's `User=`); `null` is root.";
      };
      serviceConfig.WorkingDirectory = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "/var/lib/web";
        description = "Where the service starts (systemd's `WorkingDirectory=`); `null` is `/`.";
      };
      serviceConfig.StateDirectory = mkOption {
        type = types.either types.str (types.listOf types.str);
        default = [ ];
        example = "web";
        description = ''
          Directories below `/var/lib` made before the service starts, owned by its user, named in
          `STATE_DIRECTORY` (systemd's `StateDirectory=`: names separated by spaces, or a list).
        '';
      };
      serviceConfig.RuntimeDirectory = mkOption {
        type = types.either types.str (types.listOf types.str);
        default = [ ];
        example = "web";
        description = ''
          Directories below `/run` made before the service starts, owned by its user, named in
          `RUNTIME_DIRECTORY` (systemd's `RuntimeDirectory=`).
        '';
      };
      serviceConfig.ExecStart = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = literalExpression ''"''${pkgs.nginx}/sbin/nginx -g 'daemon off;'"'';
        description = ''
          The command of the service, instead of `script` (systemd's `ExecStart=`, one command line, run
          by the shell). Set one of `script` and `serviceConfig.ExecStart`.
        '';
      };
    };
  };

  user = types.submodule ({ name, config, ... }: {
    options = {
      name = mkOption {
        type = types.str;
        default = name;
        description = "Login name.";
      };
      uid = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "User id; `null` lets the builder choose one (from 1000 up for normal users, from 999 down for others).";
      };
      isNormalUser = mkOption {
        type = types.bool;
        default = false;
        description = ''
          A person's account, as in NixOS: its defaults become group `users`, home `/home/<name>` (created at
          boot) and a user id from 1000 up.
        '';
      };
      isSystemUser = mkOption {
        type = types.bool;
        default = false;
        description = "An account for a service (user id from 999 down). Unlike NixOS, an account may set neither.";
      };
      group = mkOption {
        type = types.str;
        default = "users";
        description = "Primary group; a group of that name is made if the guest has none.";
      };
      extraGroups = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "wheel" ];
        description = "Further groups the user is a member of (made if the guest has none of that name).";
      };
      home = mkOption {
        type = types.path;
        default = if config.isNormalUser then "/home/${name}" else "/var/empty";
        defaultText = literalExpression ''if isNormalUser then "/home/''${name}" else "/var/empty"'';
        description = "Home directory.";
      };
      shell = mkOption {
        type = types.path;
        default = "/bin/sh";
        description = "Login shell, a path in the guest (the guest's `/bin/sh` is busybox's).";
      };
      hashedPassword = mkOption {
        type = types.nullOr (types.strMatching "[^:\n]*");
        default = null;
        example = "$y$j9T$...";
        description = ''
          The password's hash as `/etc/shadow` holds it (`mkpasswd`). Without one the account has no
          password: locked, or `*` when it has authorized SSH keys (key logins work, passwords never match).
        '';
      };
      openssh.authorizedKeys.keys = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "SSH public keys allowed to log in as this user.";
      };
    };
  });
in
{
  options = {
    networking.hostName = mkOption {
      type = types.strMatching "^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$";
      default = "nixos";
      description = ''
        Host name of the guest. A VM declared on a host gets its attribute name (with mkDefault).
        It also names the VM's sockets and process.
      '';
    };

    networking.interfaces = mkOption {
      type = types.attrsOf networkInterface;
      default = { };
      example = literalExpression ''{ eth0.ipv4.addresses = [ { address = "10.0.0.2"; prefixLength = 24; } ]; }'';
      description = "Configuration of the guest's network interfaces, by name.";
    };

    networking.defaultGateway = mkOption {
      type = types.nullOr (types.coercedTo types.str (address: { inherit address; }) gateway);
      default = null;
      example = "10.0.0.1";
      description = "Default IPv4 gateway, as an address or as `{ address; interface; metric; }`.";
    };

    networking.nameservers = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "9.9.9.9" ];
      description = "DNS servers of the guest.";
    };

    environment.etc = mkOption {
      type = types.attrsOf etcFile;
      default = { };
      example = literalExpression ''{ "motd".text = "welcome"; }'';
      description = "Files under the guest's `/etc`, by path relative to `/etc`.";
    };

    environment.systemPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
      example = literalExpression "[ pkgs.busybox ]";
      description = "Packages installed in the guest system's profile.";
    };

    systemd.services = mkOption {
      type = types.attrsOf service;
      default = { };
      description = "systemd services of the guest, by unit name without `.service`.";
    };

    users.users = mkOption {
      type = types.attrsOf user;
      default = { };
      description = "User accounts of the guest, by login name.";
    };

    boot.kernelParams = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Parameters added to the guest kernel's command line.";
    };

    boot.kernelPackages = mkOption {
      # Not in jmicrovm's list of implemented OS options, but the default of `microvm.kernel`
      # (and of the store-disk flags) is read from it, as in the original.
      type = types.raw;
      default = pkgs.linuxPackages;
      defaultText = literalExpression "pkgs.linuxPackages";
      description = "Kernel package set of the guest; its `kernel` is booted unless `microvm.kernel` is set.";
    };

    time.timeZone = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "Europe/Berlin";
      description = "Time zone of the guest; `null` means UTC.";
    };

    system.stateVersion = mkOption {
      type = types.str;
      default = "25.05";
      description = "Release whose defaults for stateful data the guest keeps (accepted as NixOS does; informational for jmicrovm).";
    };
  };

  config.assertions = lib.mapAttrsToList (
    name: file: {
      assertion = !file.enable || file.text != null || file.source != null;
      message = "environment.etc.\"${name}\" sets neither `text` nor `source`.";
    }
  ) config.environment.etc
  ++ lib.mapAttrsToList (name: user: {
    assertion = !(user.isNormalUser && user.isSystemUser);
    message = "Exactly one of users.users.${name}.isSystemUser and users.users.${name}.isNormalUser must be set.";
  }) config.users.users;
}
