package org.jmicrovm.module.host;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.lang.NixException;

/**
 * What to write instead of a NixOS option a jmicrovm guest does not have. People come with NixOS habits
 * ({@code services.nginx.enable}, {@code networking.firewall}); the module system's "does not exist" is right
 * but leaves them guessing, since jmicrovm's guests implement a documented subset of NixOS.
 */
final class GuestOptionAdvice {

    private static final Pattern UNKNOWN_GUEST_OPTION =
            Pattern.compile("The option `microvm\\.vms\\.(?:\"[^\"]*\"|[^.`']+)\\.config\\.([^`']+)' does not exist");

    /** The same in a guest evaluated on its own (a flake's nixosConfigurations.NAME): paths without a prefix. */
    private static final Pattern UNKNOWN_OPTION = Pattern.compile("The option `([^`']+)' does not exist");

    private GuestOptionAdvice() {}

    /** Adds the advice to an "option does not exist" error about a guest option of a host; leaves others alone. */
    static <E extends NixException> E addTo(E e) {
        return add(e, UNKNOWN_GUEST_OPTION);
    }

    /** As {@link #addTo}, for an error of a guest evaluated on its own. */
    static <E extends NixException> E addToGuest(E e) {
        return add(e, UNKNOWN_OPTION);
    }

    private static <E extends NixException> E add(E e, Pattern unknown) {
        if (e.hint() == null && e.getMessage() != null) {
            Matcher m = unknown.matcher(e.getMessage());
            if (m.find() && !m.group(1).startsWith("microvm.")) {
                e.withHint(forOption(m.group(1)));
            }
        }
        return e;
    }

    static String forOption(String option) {
        String[] parts = option.split("\\.");
        String first = parts[0];
        String two = parts.length > 1 ? first + "." + parts[1] : first;
        String subset = " (jmicrovm's guests have a subset of NixOS's options: docs/options.md, `microvm-host options`)";
        if (first.equals("services") && parts.length > 1) {
            return "jmicrovm guests are not NixOS and have no service modules besides services.openssh: install the"
                    + " program from Debian with `environment.systemPackages = [ pkgs.<name> ];` and run it with"
                    + " `systemd.services." + parts[1] + ".serviceConfig.ExecStart` (or `.script`)" + subset;
        }
        if (first.equals("programs")) {
            return "jmicrovm guests have no `programs' modules: install the Debian package with"
                    + " `environment.systemPackages = [ pkgs.<name> ];`" + subset;
        }
        if (two.equals("networking.firewall")) {
            return "jmicrovm guests run no firewall: every port a service listens on is reachable on the VM's"
                    + " interfaces (the host decides what reaches them: microvm.forwardPorts, microvm.host.bridges)"
                    + subset;
        }
        if (first.equals("fileSystems") || first.equals("swapDevices")) {
            return "a MicroVM's mounts are its shares and volumes: `microvm.shares` and `microvm.volumes` with"
                    + " `mountPoint`" + subset;
        }
        if (two.equals("boot.loader") || two.equals("boot.initrd")) {
            return "a MicroVM boots its kernel directly, without a boot loader, from an initrd jmicrovm builds"
                    + " (kernel parameters: boot.kernelParams)" + subset;
        }
        if (first.equals("nix")) {
            return "jmicrovm guests have no Nix daemon: their software comes from Debian's archive (pkgs)" + subset;
        }
        return "jmicrovm's guests have a subset of NixOS's options, listed in docs/options.md (`microvm-host options`)";
    }
}
