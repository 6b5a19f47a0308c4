# services.openssh: NixOS' way to run sshd, on jmicrovm's guests with Debian's openssh-server.
# Enabling it adds the package, writes /etc/ssh/sshd_config and declares the `sshd` service, which
# makes missing host keys before it starts the daemon. Debian's maintainer scripts are not run, so
# what they would do (privilege-separation user `sshd`, /run/sshd, host keys) happens here and in
# the package layer.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkIf types literalExpression concatMapStrings concatMapStringsSep optionalString;
  cfg = config.services.openssh;

  hostKey = types.submodule {
    options = {
      type = mkOption {
        type = types.enum [ "rsa" "ecdsa" "ed25519" ];
        description = "Key type, as `ssh-keygen -t` takes it.";
      };
      path = mkOption {
        type = types.str;
        description = "Where the private key is kept (the public key gets `.pub` appended).";
      };
      bits = mkOption {
        type = types.nullOr types.int;
        default = null;
        description = "Key size in bits; `null` is ssh-keygen's default for the type.";
      };
    };
  };

  yesNo = b: if b then "yes" else "no";
  # A missing key is made under a temporary name and moved into place, so that a restart of the
  # service while ssh-keygen runs never finds half a key.
  makeKey = k: ''
    if [ ! -s ${k.path} ]; then
      mkdir -p "$(dirname ${k.path})"
      rm -f ${k.path}.new ${k.path}.new.pub
      ssh-keygen -q -t ${k.type}${optionalString (k.bits != null) " -b ${toString k.bits}"} -N "" -C "root@$(hostname)" -f ${k.path}.new \
        && mv -f ${k.path}.new.pub ${k.path}.pub && mv -f ${k.path}.new ${k.path}
    fi
  '';
  slow = k: k.type == "rsa" || k.type == "dsa";
  # with no fast key, sshd could not start without the slow ones: then all are made first
  keysLater = if builtins.all slow cfg.hostKeys then [ ] else builtins.filter slow cfg.hostKeys;
  keysNow = builtins.filter (k: !(builtins.elem k keysLater)) cfg.hostKeys;
in
{
  options.services.openssh = {
    enable = mkOption {
      type = types.bool;
      default = false;
      description = ''
        Whether to run the OpenSSH daemon (Debian's `openssh-server`, added to the guest's packages) as
        the service `sshd`. Keys of `users.users.<name>.openssh.authorizedKeys.keys` may log in; reach
        it from the host through a `microvm.forwardPorts` entry to guest port 22 (`microvm -s NAME`).
      '';
    };

    package = mkOption {
      # null rather than pkgs.openssh-server as the default: printing a guest's configuration must
      # not resolve a Debian package for a service that is off
      type = types.nullOr types.package;
      default = null;
      description = "The package providing `/usr/sbin/sshd`; `null` means `pkgs.openssh-server`.";
    };

    ports = mkOption {
      type = types.listOf types.port;
      default = [ 22 ];
      description = "Ports sshd listens on.";
    };

    hostKeys = mkOption {
      type = types.listOf hostKey;
      default = [
        { type = "rsa"; bits = 4096; path = "/etc/ssh/ssh_host_rsa_key"; }
        { type = "ed25519"; path = "/etc/ssh/ssh_host_ed25519_key"; }
      ];
      example = literalExpression ''[ { type = "ed25519"; path = "/var/lib/ssh/ssh_host_ed25519_key"; } ]'';
      description = ''
        Host keys of sshd, generated at boot when missing. A guest's `/etc` is rebuilt at every boot,
        so keys under it are new at each boot; to keep them, put their paths below the `mountPoint`
        of a `microvm.volumes` entry (e.g. `/var/lib/ssh`): they are made at first boot and found
        again at the next. RSA keys (seconds to make, minutes under emulation) are made while sshd
        already runs with the others, and loaded when ready (unless they are the only keys).
      '';
    };

    settings.PermitRootLogin = mkOption {
      type = types.enum [ "yes" "without-password" "prohibit-password" "forced-commands-only" "no" ];
      default = "prohibit-password";
      description = "Whether root may log in, and how (sshd_config's `PermitRootLogin`).";
    };

    settings.PasswordAuthentication = mkOption {
      type = types.bool;
      default = true;
      description = "Whether password logins are allowed (sshd_config's `PasswordAuthentication`).";
    };

    extraConfig = mkOption {
      type = types.lines;
      default = "";
      description = "Lines appended to `/etc/ssh/sshd_config`.";
    };
  };

  config = mkIf cfg.enable {
    environment.systemPackages = [ (if cfg.package != null then cfg.package else pkgs.openssh-server) ];

    # Debian's /etc/pam.d/common-* are written by pam-auth-update in a maintainer script, so sshd
    # runs without PAM; accounts with authorized keys are not locked (see users.users).
    environment.etc."ssh/sshd_config" = {
      mode = "0644";
      text = ''
        # written by jmicrovm from services.openssh
        ${concatMapStrings (p: "Port ${toString p}\n") cfg.ports}${concatMapStrings (k: "HostKey ${k.path}\n") cfg.hostKeys}AuthorizedKeysFile %h/.ssh/authorized_keys /etc/ssh/authorized_keys.d/%u
        PermitRootLogin ${cfg.settings.PermitRootLogin}
        PasswordAuthentication ${yesNo cfg.settings.PasswordAuthentication}
        KbdInteractiveAuthentication no
        UsePAM no
        PrintMotd no
        PidFile /run/sshd.pid
        Subsystem sftp /usr/lib/openssh/sftp-server
        ${cfg.extraConfig}'';
    };

    systemd.services.sshd = {
      description = "SSH Daemon";
      wantedBy = [ "multi-user.target" ];
      serviceConfig.Restart = "always";
      script = ''
        # the privilege separation directory (Debian's unit has RuntimeDirectory=sshd)
        mkdir -p /run/sshd && chmod 0755 /run/sshd
        ${concatMapStrings makeKey keysNow}# a pid file left by the daemon this service ran before names no live sshd
        rm -f /run/sshd.pid
        ${optionalString (keysLater != [ ]) ''
          # RSA keys take seconds to make (minutes under emulation): sshd starts with the others, and
          # re-reads its keys (SIGHUP) once these exist. Only when one was missing: sshd re-executes
          # on SIGHUP and drops the connections it is accepting at that moment.
          if ${concatMapStringsSep " || " (k: "[ ! -s ${k.path} ]") keysLater}; then
            ( ${concatMapStrings makeKey keysLater}
              for i in 1 2 3 4 5 6 7 8 9 10; do [ -s /run/sshd.pid ] && break; sleep 1; done
              [ -s /run/sshd.pid ] && kill -HUP "$(cat /run/sshd.pid)" ) &
          fi
        ''}
        exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
      '';
    };
  };
}
