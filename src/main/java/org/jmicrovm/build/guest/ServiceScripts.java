package org.jmicrovm.build.guest;

import static org.jmicrovm.build.ShellQuote.quote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jmicrovm.build.BuildException;
import org.jmicrovm.model.GuestOs;

/**
 * The guest's small service supervisor: for each {@code systemd.services.<name>} a {@code run}
 * script (environment, PATH, the script) and a {@code supervise} loop that starts it with output
 * on the console and restarts it as {@code serviceConfig.Restart} says.
 */
final class ServiceScripts {
    private ServiceScripts() {}

    /** Services that are started at boot ({@code wantedBy} non-empty), ordered so {@code after} ones come first. */
    static List<String> startOrder(String vm, Map<String, GuestOs.Service> services) {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : services.keySet()) {
            visit(vm, name, services, order, visiting);
        }
        order.removeIf(n -> services.get(n).wantedBy().isEmpty());
        return order;
    }

    private static void visit(String vm, String name, Map<String, GuestOs.Service> services, List<String> order,
                              Set<String> visiting) {
        if (order.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new BuildException(vm, "systemd.services." + name + ".after",
                    "services order themselves in a cycle: " + String.join(" → ", visiting) + " → " + name);
        }
        for (String after : services.get(name).after()) {
            String dep = after.endsWith(".service") ? after.substring(0, after.length() - ".service".length()) : after;
            if (services.containsKey(dep)) { // targets such as network.target are reached before any service
                visit(vm, dep, services, order, visiting);
            }
        }
        visiting.remove(name);
        order.add(name);
    }

    /** Where the guest's init puts {@code microvm.credentialFiles}, as systemd puts system credentials. */
    static final String CREDENTIALS = "/run/credentials/@system";

    static String run(String bb, String name, GuestOs.Service s, String path, boolean credentials) {
        StringBuilder r = new StringBuilder("#!" + bb + " sh\n");
        r.append("# systemd.services.").append(name);
        if (!s.description().isBlank()) {
            r.append(": ").append(s.description().replace('\n', ' '));
        }
        r.append('\n');
        r.append("export PATH=").append(quote(path)).append('\n');
        if (credentials) {
            // as systemd sets it for a unit with LoadCredential=: here every service may read them (root only)
            r.append("export CREDENTIALS_DIRECTORY=").append(CREDENTIALS).append('\n');
        }
        for (Map.Entry<String, String> e : s.environment().entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("systemd.services." + name + ".environment: '" + e.getKey()
                        + "' is not a valid environment variable name");
            }
            r.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        GuestOs.Service.Directories dirs = s.directories();
        if (!dirs.state().isEmpty()) {
            r.append("export STATE_DIRECTORY=").append(quote(joined("/var/lib/", dirs.state()))).append('\n');
        }
        if (!dirs.runtime().isEmpty()) {
            r.append("export RUNTIME_DIRECTORY=").append(quote(joined("/run/", dirs.runtime()))).append('\n');
        }
        r.append("cd ").append(quote(dirs.working().orElse("/"))).append('\n');
        // as NixOS runs a service's script: the first command that fails ends it (and the supervise loop sees why)
        r.append("set -e\n");
        r.append(s.script());
        if (!s.script().endsWith("\n")) {
            r.append('\n');
        }
        return r.toString();
    }

    /** systemd's colon-separated list of directories below {@code base}. */
    private static String joined(String base, java.util.List<String> names) {
        return String.join(":", names.stream().map(n -> base + n).toList());
    }

    /**
     * The directories systemd makes before a service starts ({@code StateDirectory}, {@code RuntimeDirectory}),
     * made by the supervisor, which runs as root, and given to the service's user.
     */
    private static String makeDirectories(GuestOs.Service s) {
        StringBuilder out = new StringBuilder();
        java.util.List<String> all = new java.util.ArrayList<>();
        s.directories().state().forEach(n -> all.add("/var/lib/" + n));
        s.directories().runtime().forEach(n -> all.add("/run/" + n));
        for (String dir : all) {
            out.append("mkdir -p ").append(quote(dir)).append('\n');
            s.user().filter(u -> !u.equals("root"))
                    .ifPresent(u -> out.append("chown ").append(quote(u)).append(' ').append(quote(dir)).append('\n'));
        }
        return out.toString();
    }

    /** The supervisor loop of one service; {@code runScript} is the absolute path of its run script. */
    static String supervise(String bb, String name, GuestOs.Service s, String runScript) {
        String launch = s.user().filter(u -> !u.equals("root"))
                .map(u -> "su -s /bin/sh " + quote(u) + " -c " + quote(runScript))
                .orElse(quote(runScript));
        String restartTest = switch (s.restart()) {
            case NO -> "false";
            case ALWAYS -> "true";
            case ON_FAILURE -> "[ \"$rc\" -ne 0 ]";
            case ON_SUCCESS -> "[ \"$rc\" -eq 0 ]";
            case ON_ABNORMAL -> "[ \"$rc\" -gt 128 ]";
        };
        boolean oneshot = s.type() == GuestOs.ServiceType.ONESHOT;
        return "#!" + bb + " sh\n"
                + "# Supervises systemd.services." + name + " (Restart=" + s.restart().nixName()
                + ", RestartSec=" + s.restartSec() + ")\n"
                + "export PATH=/bin\n"
                + makeDirectories(s)
                + "name=" + quote(name) + "\n"
                + "child=\n"
                + "trap '[ -n \"$child\" ] && kill \"$child\" 2>/dev/null; exit 0' TERM INT\n"
                + "while :; do\n"
                + "  " + launch + " </dev/null >/dev/console 2>&1 &\n"
                + "  child=$!\n"
                + "  wait \"$child\"\n"
                + "  rc=$?\n"
                + "  child=\n"
                + "  if " + restartTest + "; then\n"
                + "    echo \"jmicrovm: service $name exited with status $rc; restarting in " + s.restartSec()
                + " s\" >/dev/console\n"
                + "    sleep " + s.restartSec() + "\n"
                + "  else\n"
                + (oneshot ? "" : "    echo \"jmicrovm: service $name exited with status $rc\" >/dev/console\n")
                + "    exit \"$rc\"\n"
                + "  fi\n"
                + "done\n";
    }
}
