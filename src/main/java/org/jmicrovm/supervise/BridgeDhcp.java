package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.state.Links;

/**
 * The DHCP (and DNS) servers of {@code microvm.host.bridges.<name>.dhcp}: one dnsmasq per bridge, as libvirt and
 * Incus run on theirs. It runs as a daemon of its own, so it outlives the command that started it (a switch, or
 * the start of a VM after a host reboot), and is found again through its files in {@code DIR}:
 * <ul>
 *   <li>{@code BRIDGE.pid}: its process, checked against {@code /proc} (a pid reused by another process is not
 *       taken for it);</li>
 *   <li>{@code BRIDGE.args}: the command line it runs with; another declaration restarts it;</li>
 *   <li>{@code BRIDGE.leases}: its leases, kept across restarts and reboots, so a VM keeps its address;</li>
 *   <li>{@code BRIDGE.log}: what it logged (leases given, failures).</li>
 * </ul>
 * Callers hold the host's network lock: two starts at the same moment would both start one.
 */
public final class BridgeDhcp {

    /** A lease as dnsmasq writes it: {@code expiry mac address hostname client-id}. */
    public record Lease(String bridge, String mac, String address, String hostname) {
    }

    private final List<String> prefix;
    private final Path dir;
    private final Consumer<String> log;

    BridgeDhcp(List<String> prefix, Path dir, Consumer<String> log) {
        this.prefix = List.copyOf(prefix);
        this.dir = dir;
        this.log = log;
    }

    /** One or more DHCP servers could not be started: each bridge's reason, one per line. */
    public static final class NotStarted extends IOException {
        NotStarted(String message) {
            super(message);
        }
    }

    /**
     * Starts (or restarts with a changed declaration) each bridge's server, and stops those of other bridges.
     * A server that cannot start does not keep the others from starting: all failures are thrown together after.
     */
    void ensure(List<HostBridge> bridges) throws IOException {
        Set<String> wanted = new HashSet<>();
        List<String> failures = new ArrayList<>();
        for (HostBridge b : bridges) {
            if (b.dhcpServer().isPresent()) {
                wanted.add(b.name());
                try {
                    ensure(b, b.dhcpServer().get());
                } catch (NotStarted e) {
                    failures.add(e.getMessage());
                }
            }
        }
        stopOthers(wanted);
        if (!failures.isEmpty()) {
            throw new NotStarted(String.join("\n", failures));
        }
    }

    private void stopOthers(Set<String> wanted) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path pidFile : pids) {
                String bridge = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
                if (!wanted.contains(bridge)) {
                    stop(bridge);
                    log.accept("stopped the DHCP server of bridge " + bridge);
                }
            }
        }
    }

    /** Where the server of a bridge stands against its declaration, for {@code plan}. */
    enum Status {
        /** not running: a switch starts it */
        STOPPED,
        /** running with what is declared */
        RUNNING,
        /** running with another declaration: a switch restarts it */
        OUTDATED
    }

    Status status(HostBridge bridge, HostBridge.Dhcp dhcp) throws IOException {
        if (runningPid(bridge.name()).isEmpty()) {
            return Status.STOPPED;
        }
        return runsAsDeclared(bridge, dhcp) ? Status.RUNNING : Status.OUTDATED;
    }

    private boolean runsAsDeclared(HostBridge bridge, HostBridge.Dhcp dhcp) throws IOException {
        Path argsFile = file(bridge.name(), "args");
        return Files.exists(argsFile) && Files.readString(argsFile).equals(args(bridge, dhcp));
    }

    private String args(HostBridge bridge, HostBridge.Dhcp dhcp) {
        return String.join("\n", command(bridge, dhcp)) + "\n";
    }

    private void ensure(HostBridge bridge, HostBridge.Dhcp dhcp) throws IOException {
        String name = bridge.name();
        List<String> command = command(bridge, dhcp);
        Path argsFile = file(name, "args");
        String args = args(bridge, dhcp);
        if (status(bridge, dhcp) == Status.RUNNING) {
            return;
        }
        stop(name);
        Files.createDirectories(dir);
        Path startLog = file(name, "start.log");
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(startLog.toFile()).start();
        } catch (IOException e) {
            throw new NotStarted("dnsmasq cannot be run (" + e.getMessage() + "); the DHCP server of bridge " + name
                    + " needs it: apt-get install dnsmasq-base");
        }
        try {
            // it returns once its daemon runs (or could not start): a few milliseconds
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NotStarted("dnsmasq for bridge " + name + " did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting dnsmasq for bridge " + name, e);
        }
        String said = Files.readString(startLog).strip();
        if (p.exitValue() != 0) {
            String hint = said.contains("Address already in use") && dhcp.dns()
                    ? "; another DNS server holds port 53 on the bridge's addresses: set"
                    + " microvm.host.bridges." + name + ".dhcp.dns = false to leave DNS to it"
                    : "";
            throw new NotStarted("the DHCP server of bridge " + name + " did not start (dnsmasq exit status "
                    + p.exitValue() + "): " + said + hint);
        }
        Links.writeAtomically(argsFile, args);
        log.accept("DHCP on bridge " + name + ": leases " + dhcp.range()
                + (slaacPrefixes(bridge).isEmpty() ? "" : ", IPv6 by SLAAC in " + String.join(" ", slaacPrefixes(bridge)))
                + (dhcp.dns() ? ", DNS on " + String.join(" ", bridge.addresses().stream()
                .map(a -> a.substring(0, a.indexOf('/'))).toList()) : "") + " (dnsmasq)");
    }

    private List<String> command(HostBridge bridge, HostBridge.Dhcp dhcp) {
        String name = bridge.name();
        List<String> command = new ArrayList<>(List.of("dnsmasq",
                "--conf-file=/dev/null",       // none of the host's own dnsmasq configuration
                // only the bridge's addresses, also those it gets later, reached from its VMs and from the host
                // itself; not the loopback --interface would add, where the host may run a resolver of its own
                "--interface=" + name, "--except-interface=lo", "--bind-dynamic"));
        if (!slaacPrefixes(bridge).isEmpty()) {
            // IPv6: the bridge's /64 prefixes advertised, VMs make their addresses (SLAAC) and resolve by name
            // (ra-names: the address of a DHCPv4 client's MAC); router lifetime 0: the host forwards no IPv6,
            // so it must not become the VMs' default route
            command.addAll(List.of("--enable-ra", "--dhcp-range=::,constructor:" + name + ",ra-names,12h",
                    "--ra-param=" + name + ",60,0"));
        }
        command.addAll(List.of(
                "--dhcp-range=" + dhcp.start() + "," + dhcp.end() + ",12h",
                // the only server on this network: answer at once, also to clients with an older lease
                "--dhcp-authoritative",
                "--dhcp-leasefile=" + file(name, "leases"),
                "--pid-file=" + file(name, "pid"),
                "--log-facility=" + file(name, "log"),
                "--no-hosts"));
        // dnsmasq gives no other client the address reserved for a name
        dhcp.hosts().forEach((host, address) -> command.add("--dhcp-host=" + host + "," + address));
        if (!dhcp.dns()) {
            command.add("--port=0");
        }
        return command;
    }

    /** The bridge's IPv6 addresses with a /64 prefix: those whose prefix VMs can make addresses in (SLAAC). */
    static List<String> slaacPrefixes(HostBridge bridge) {
        return bridge.addresses().stream().filter(a -> a.contains(":") && a.endsWith("/64")
                && !a.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:")).toList();
    }

    /** Stops the server of {@code bridge} if it runs; its leases stay. */
    void stop(String bridge) throws IOException {
        Optional<ProcessHandle> process = runningPid(bridge).flatMap(ProcessHandle::of);
        if (process.isPresent()) {
            ProcessHandle h = process.get();
            h.destroy();
            // not our child: onExit() would poll it slowly (over a second); /proc says at once. Its end is when it
            // is gone or a zombie: an exiting process loses its memory (and cmdline) before it closes its sockets,
            // and the next dnsmasq needs the ports
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (!ended(h.pid())) {
                    if (System.nanoTime() > deadline) {
                        h.destroyForcibly();
                        break;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping dnsmasq of bridge " + bridge, e);
            }
        }
        Files.deleteIfExists(file(bridge, "pid"));
        Files.deleteIfExists(file(bridge, "args"));
    }

    /** Deletes what the server of a removed bridge left: its leases, log and start log (it was stopped before). */
    void forget(String bridge) throws IOException {
        stop(bridge);
        for (String kind : List.of("leases", "log", "start.log")) {
            Files.deleteIfExists(file(bridge, kind));
        }
    }

    /** The leases of {@code bridges}' servers, for {@code microvm status}; expired ones included (dnsmasq's view). */
    List<Lease> leases(List<HostBridge> bridges) throws IOException {
        List<Lease> leases = new ArrayList<>();
        for (HostBridge b : bridges) {
            Path file = file(b.name(), "leases");
            if (b.dhcpServer().isEmpty() || !Files.isRegularFile(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length >= 4) {
                    leases.add(new Lease(b.name(), f[1].toLowerCase(java.util.Locale.ROOT), f[2],
                            f[3].equals("*") ? "" : f[3]));
                }
            }
        }
        return leases;
    }

    /** Whether process {@code pid} has ended: no longer in /proc, or a zombie (whose files are closed). */
    private static boolean ended(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the command name, which may contain spaces and parentheses
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    private Path file(String bridge, String kind) {
        return dir.resolve(bridge + "." + kind);
    }

    /** The pid in the pid file, if that process is the dnsmasq that wrote it. */
    private Optional<Long> runningPid(String bridge) throws IOException {
        Path pidFile = file(bridge, "pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile).strip();
        if (!text.matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        Path cmdline = Path.of("/proc", text, "cmdline");
        try {
            String argv = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return argv.contains("--pid-file=" + pidFile) ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
