package org.jmicrovm.supervise;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Unit files equivalent to microvm.nix's host module (reference §4), for hosts that prefer
 * systemd to the embedded supervisor. Differences, each deliberate:
 * <ul>
 *   <li>{@code microvm@} restarts on failure only, so a guest's own poweroff (hypervisor exit
 *       status 0) is not fought against; the original uses {@code Restart=always};</li>
 *   <li>{@code microvm-virtiofsd@} is {@code Type=simple} with a start-up step that waits for
 *       the runner's virtiofs sockets (the original relies on supervisord's notification);</li>
 *   <li>{@code ExecStop=} of {@code microvm@} tolerates a runner without
 *       {@code microvm-shutdown} instead of failing on the missing path.</li>
 * </ul>
 */
public final class SystemdUnits {

    /**
     * A VM declared by the host, for its {@code install-microvm-<name>.service}.
     *
     * @param installOnce true for a flake deployment with {@code updateFlake}: the unit only
     *                    runs when the VM's directory does not exist
     */
    public record InstallUnit(String name, Path runner, Optional<Path> toplevel, Optional<String> flakeRef,
                              boolean installOnce) {}

    /**
     * {@code user}/{@code group} run the hypervisor; the original uses microvm:kvm.
     *
     * @param microvmHost jmicrovm's {@code microvm-host}, when the host has bridges: the tap unit runs its
     *                    {@code bridges --join} after making the taps
     */
    public record Options(Path stateDir, int startupTimeoutSeconds, boolean useNotifySockets,
                          String user, String group, Optional<Path> microvmHost) {}

    private SystemdUnits() {}

    /** File name → content, sorted by name. */
    public static Map<String, String> generate(Options options, List<InstallUnit> declared, List<String> autostart) {
        Map<String, String> units = new TreeMap<>();
        String s = options.stateDir().toString();
        if (!s.matches("/[A-Za-z0-9_@+=:,./-]*")) {
            throw new IllegalArgumentException("state directory " + s + " cannot be used in unit files as it is"
                    + " (only letters, digits and _@+=:,./- are allowed in its path)");
        }
        units.put("microvms.target", target(autostart));
        units.put("microvm@.service", microvm(options, s));
        units.put("microvm-set-booted@.service", setBooted(options, s));
        // jmicrovm's bridges (microvm.host.bridges): made when missing, and joined, once the taps exist
        String joinBridges = options.microvmHost().map(m -> "ExecStartPost=" + quote(m.toString()) + " bridges --join %i"
                + " --state-dir=" + s + "\n").orElse("");
        units.put("microvm-tap-interfaces@.service", helper("Set up tap interfaces of MicroVM '%i'", s, "tap-up", "tap-down", true)
                + joinBridges);
        units.put("microvm-macvtap-interfaces@.service", helper("Set up macvtap interfaces of MicroVM '%i'", s, "macvtap-up", "macvtap-down", false));
        units.put("microvm-virtiofsd@.service", virtiofsd(s));
        for (InstallUnit vm : declared) {
            units.put("install-microvm-" + vm.name() + ".service", install(options, vm));
        }
        return units;
    }

    private static String target(List<String> autostart) {
        StringBuilder out = new StringBuilder("[Unit]\nDescription=MicroVMs\n");
        if (!autostart.isEmpty()) {
            out.append("Wants=");
            out.append(String.join(" ", autostart.stream().map(n -> "microvm@" + n + ".service").toList()));
            out.append('\n');
        }
        return out.append("\n[Install]\nWantedBy=multi-user.target\n").toString();
    }

    private static String microvm(Options o, String s) {
        String helpers = "microvm-tap-interfaces@%i.service microvm-macvtap-interfaces@%i.service "
                + "microvm-virtiofsd@%i.service microvm-set-booted@%i.service";
        return """
                [Unit]
                Description=MicroVM '%%i'
                Requires=%2$s
                After=%2$s network.target systemd-modules-load.service
                ConditionPathExists=%1$s/%%i/current/bin/microvm-run

                [Service]
                Type=%3$s
                User=%4$s
                Group=%5$s
                WorkingDirectory=%1$s/%%i
                ExecStart=%1$s/%%i/current/bin/microvm-run
                ExecStop=-%1$s/%%i/booted/bin/microvm-shutdown
                Restart=on-failure
                RestartSec=5s
                TimeoutSec=%6$d
                LimitNOFILE=1048576
                LimitMEMLOCK=infinity
                NotifyAccess=all
                SyslogIdentifier=microvm@%%i

                [Install]
                WantedBy=microvms.target
                """.formatted(s, helpers, o.useNotifySockets() ? "notify" : "simple", o.user(), o.group(),
                o.startupTimeoutSeconds());
    }

    private static String setBooted(Options o, String s) {
        return """
                [Unit]
                Description=Record the runner MicroVM '%%i' boots from
                Before=microvm@%%i.service
                PartOf=microvm@%%i.service

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                User=%2$s
                Group=%3$s
                WorkingDirectory=%1$s/%%i
                ExecStart=/bin/sh -c 'rm -f booted; ln -s "$$(readlink current)" booted'
                ExecStop=/bin/rm -f booted
                """.formatted(s, o.user(), o.group());
    }

    private static String helper(String description, String s, String up, String down, boolean afterNetwork) {
        return """
                [Unit]
                Description=%2$s
                Before=microvm@%%i.service
                PartOf=microvm@%%i.service
                After=%5$smicrovm-set-booted@%%i.service
                ConditionPathExists=%1$s/%%i/current/bin/%3$s

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=%1$s/%%i/current/bin/%3$s
                ExecStop=-%1$s/%%i/booted/bin/%4$s
                """.formatted(s, description, up, down, afterNetwork ? "network.target " : "");
    }

    private static String virtiofsd(String s) {
        return """
                [Unit]
                Description=virtiofsd for MicroVM '%%i'
                Before=microvm@%%i.service
                PartOf=microvm@%%i.service
                After=local-fs.target microvm-set-booted@%%i.service
                ConditionPathExists=%1$s/%%i/current/bin/virtiofsd-run

                [Service]
                Type=simple
                WorkingDirectory=%1$s/%%i
                ExecStart=%1$s/%%i/current/bin/virtiofsd-run
                ExecStartPost=/bin/sh -c 'for f in current/share/microvm/virtiofs/*/socket; do [ -e "$$f" ] || continue; s=$$(cat "$$f"); while [ ! -S "$$s" ]; do sleep 0.1; done; done'
                Restart=always
                RestartSec=5s
                KillMode=mixed
                LimitNOFILE=1048576
                """.formatted(s);
    }

    private static String install(Options o, InstallUnit vm) {
        String dir = o.stateDir().resolve(vm.name()).toString();
        List<String> exec = new ArrayList<>();
        exec.add("/bin/mkdir -p " + quote(dir));
        exec.add("/bin/ln -sTf " + quote(vm.runner().toString()) + " " + quote(dir + "/current"));
        vm.toplevel().ifPresent(t -> exec.add("/bin/ln -sTf " + quote(t.toString()) + " " + quote(dir + "/toplevel")));
        vm.flakeRef().ifPresent(f -> exec.add("/bin/sh -c " + quote("printf '%s\\n' " + shellQuote(f)
                + " > " + shellQuote(dir + "/flake"))));
        exec.add("-/bin/chown -h " + o.user() + ":" + o.group() + " " + quote(dir) + " " + quote(dir + "/current")
                + (vm.flakeRef().isPresent() ? " " + quote(dir + "/flake") : ""));
        String helpers = "microvm@%1$s.service microvm-tap-interfaces@%1$s.service microvm-macvtap-interfaces@%1$s.service "
                + "microvm-virtiofsd@%1$s.service microvm-set-booted@%1$s.service";
        StringBuilder out = new StringBuilder("[Unit]\n");
        out.append("Description=Install MicroVM '").append(vm.name()).append("'\n");
        out.append("Before=").append(helpers.formatted(vm.name())).append('\n');
        out.append("PartOf=microvm@").append(vm.name()).append(".service\n");
        if (vm.installOnce()) {
            out.append("ConditionPathExists=!").append(quote(dir)).append('\n');
        }
        out.append("\n[Service]\nType=oneshot\nSyslogIdentifier=install-microvm-").append(vm.name()).append('\n');
        exec.forEach(e -> out.append("ExecStart=").append(e).append('\n'));
        out.append("\n[Install]\nWantedBy=microvms.target\n");
        return out.toString();
    }

    /** systemd's quoting for one argument: plain when safe, else double quotes; % and $ escaped. */
    static String quote(String arg) {
        String escaped = arg.replace("%", "%%").replace("$", "$$");
        if (escaped.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return escaped;
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
