package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.state.HostLock;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;

/**
 * {@code microvm.host.bridges} on the host, with {@code ip}: a switch makes each bridge that is missing, sets
 * its addresses and brings it up, and writes the NAT of those with {@code nat} (nftables, {@code sysctl})
 * ({@link #ensure}; {@link #removeNat} when none asks any more); a VM's start puts its tap interfaces into the bridges
 * whose patterns they match ({@link #join}). Bridges with {@code dhcp} get their DHCP server
 * ({@link BridgeDhcp}). Commands may run under a prefix ({@code ip netns exec NS}, for tests), and every failure
 * names the command and what {@code ip} said.
 */
public final class HostBridges {

    private final List<String> prefix;
    private final StateDirectory state;
    private final Consumer<String> log;
    private final BridgeDhcp dhcp;

    /** @param state where the DHCP servers keep their files, and the lock that keeps two callers apart */
    public HostBridges(List<String> prefix, StateDirectory state, Consumer<String> log) {
        this.prefix = List.copyOf(prefix);
        this.state = state;
        this.log = log;
        this.dhcp = new BridgeDhcp(prefix, state.bookkeeping().resolve("dhcp"), log);
    }

    /** On this host, as the switch and the supervisor run. */
    public static HostBridges onHost(StateDirectory state, Consumer<String> log) {
        return new HostBridges(List.of(), state, log);
    }

    /**
     * Makes the bridges that are missing, adds their addresses (again: {@code replace}), brings them up, writes
     * their NAT and starts their DHCP servers (stopping those no bridge asks for any more).
     */
    public void ensure(List<HostBridge> bridges) throws IOException {
        // a switch and VMs starting under the supervisor may get here at the same moment
        try (HostLock ignored = HostLock.network(state, Duration.ofSeconds(60), log)) {
            makeBridges(bridges);
            nat(bridges);
            dhcp.ensure(bridges);
        }
    }

    /** Every DHCP lease of {@code bridges}' servers. */
    public List<BridgeDhcp.Lease> leases(List<HostBridge> bridges) throws IOException {
        return dhcp.leases(bridges);
    }

    /** An address a bridge's DHCP server leased to the guest behind one of a VM's taps. */
    public record TapLease(String tap, String address, String bridge) {}

    /**
     * The leases the host's bridges gave the guest of {@code runner} (a VM's {@code current}), found by the MAC
     * behind each of its taps, for {@code microvm status} and {@code -l --json}; empty without DHCP on the bridges.
     */
    public static List<TapLease> leasesOf(StateDirectory state, Path runner) throws IOException {
        java.util.Map<String, String> macs = new RunnerScripts(runner).tapMacs();
        List<HostBridge> bridges = HostSettings.read(state).bridges();
        List<TapLease> found = new ArrayList<>();
        if (macs.isEmpty() || bridges.stream().allMatch(b -> b.dhcpServer().isEmpty())) {
            return found;
        }
        List<BridgeDhcp.Lease> leases = onHost(state, line -> { }).leases(bridges);
        macs.forEach((tap, mac) -> leases.stream().filter(l -> l.mac().equals(mac))
                .forEach(l -> found.add(new TapLease(tap, l.address(), l.bridge()))));
        return found;
    }

    private void makeBridges(List<HostBridge> bridges) throws IOException {
        for (HostBridge b : bridges) {
            if (run(false, "ip", "link", "show", "dev", b.name()) != 0) {
                // unchecked: a VM starting at the same moment may make it first; what counts is that it exists
                if (run(false, "ip", "link", "add", "name", b.name(), "type", "bridge") == 0) {
                    log.accept("made bridge " + b.name());
                    recordMade(b.name(), true);
                }
                run(true, "ip", "link", "show", "dev", b.name());
            }
            for (String address : b.addresses()) {
                run(true, "ip", "addr", "replace", address, "dev", b.name());
            }
            run(true, "ip", "link", "set", "dev", b.name(), "up");
        }
    }

    /** nftables' table of jmicrovm's NAT: replaced as a whole, removed when no bridge asks for NAT any more. */
    static final String NAT_TABLE = "jmicrovm";

    /**
     * The table of the bridges' masquerading ({@code nat}) and port forwards, written in one transaction: the old
     * table goes and the new one comes, or nothing changes.
     */
    private void nat(List<HostBridge> bridges) throws IOException {
        if (!anyNat(bridges)) {
            return; // nftables is not touched (nor needed) by hosts whose bridges ask for none of this
        }
        List<String> networks = bridges.stream().filter(HostBridge::nat).flatMap(b -> b.ipv4Networks().stream())
                .distinct().toList();
        StringBuilder rules = new StringBuilder("add table ip " + NAT_TABLE + "\ndelete table ip " + NAT_TABLE + "\n")
                .append("table ip ").append(NAT_TABLE).append(" {\n")
                .append("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        for (String net : networks) {
            rules.append("    ip saddr ").append(net).append(" ip daddr != ").append(net).append(" masquerade\n");
        }
        List<HostBridge> forwarding = bridges.stream().filter(b -> !b.forwardPorts().isEmpty()).toList();
        for (HostBridge b : forwarding) {
            // connections the host made to itself on 127.0.0.1 leave through the bridge with the bridge's address
            rules.append("    ip saddr 127.0.0.0/8 oifname \"").append(b.name()).append("\" masquerade\n");
        }
        rules.append("  }\n");
        if (!forwarding.isEmpty()) {
            StringBuilder dnat = new StringBuilder();
            for (HostBridge b : forwarding) {
                for (HostBridge.PortForward f : b.forwardPorts()) {
                    // only what is addressed to the host itself: traffic the host routes elsewhere is left alone
                    dnat.append("    fib daddr type local ")
                            .append(f.hostAddress() == null ? "" : "ip daddr " + f.hostAddress() + " ")
                            .append(f.proto()).append(" dport ").append(f.hostPort())
                            .append(" dnat to ").append(f.guestAddress()).append(':').append(f.guestPort()).append('\n');
                }
            }
            rules.append("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n")
                    .append(dnat).append("  }\n")
                    // "dstnat" by number: nftables 1.0 names it for prerouting only
                    .append("  chain output {\n    type nat hook output priority -100; policy accept;\n")
                    .append(dnat).append("  }\n");
        }
        rules.append("}\n");
        runWithInput(true, rules.toString(), "nft", "-f", "-");
        run(true, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        for (HostBridge b : forwarding) {
            // the kernel drops packets from 127.0.0.1 routed out of another interface unless told otherwise
            run(true, "sysctl", "-q", "-w", "net.ipv4.conf." + b.name() + ".route_localnet=1");
        }
        List<String> what = new ArrayList<>();
        if (!networks.isEmpty()) {
            what.add("NAT for " + String.join(", ", networks));
        }
        forwarding.forEach(b -> b.forwardPorts().forEach(f -> what.add("port " + f.describe())));
        log.accept(String.join(", ", what) + " (nftables table ip " + NAT_TABLE + ")");
    }

    /**
     * Removes jmicrovm's NAT table, when an earlier switch made one and no bridge asks for NAT or port forwards
     * any more (the caller knows: {@link HostSettings} of the switch before). IPv4 forwarding is left as it is.
     */
    public void removeNat() throws IOException {
        if (run(false, "nft", "list", "table", "ip", NAT_TABLE) == 0) {
            run(true, "nft", "delete", "table", "ip", NAT_TABLE);
            log.accept("removed the NAT of the bridges (nftables table ip " + NAT_TABLE + ")");
        }
    }

    /** Whether a bridge of {@code bridges} asks for NAT or forwards ports: jmicrovm's nftables table. */
    public static boolean anyNat(List<HostBridge> bridges) {
        return bridges.stream().anyMatch(b -> b.nat() || !b.forwardPorts().isEmpty());
    }

    /**
     * Deletes the bridges of {@code before} that {@code now} no longer declares, when jmicrovm made them and
     * nothing is in them any more (a VM still running on one keeps it: it goes with a later switch). A bridge
     * that was there before jmicrovm declared it (the host's own) is left alone.
     */
    public void removeUndeclared(List<HostBridge> before, List<HostBridge> now) throws IOException {
        // a switch and VMs starting under the supervisor may get here at the same moment
        try (HostLock ignored = HostLock.network(state, Duration.ofSeconds(60), log)) {
            for (String name : undeclared(before, now)) {
                if (!made().contains(name)) {
                    log.accept("bridge " + name + " is no longer declared; jmicrovm did not make it, so it stays");
                    continue;
                }
                if (run(false, "ip", "link", "show", "dev", name) != 0) {
                    recordMade(name, false); // gone already (a reboot, or removed by hand)
                    continue;
                }
                List<String> members = members(name);
                if (!members.isEmpty()) {
                    log.accept("bridge " + name + " is no longer declared, but " + String.join(" ", members)
                            + " still in it: left in place until a switch finds it empty");
                    continue;
                }
                run(true, "ip", "link", "delete", "dev", name);
                recordMade(name, false);
                dhcp.forget(name);
                log.accept("removed bridge " + name + " (no longer declared)");
            }
        }
    }

    private static List<String> undeclared(List<HostBridge> before, List<HostBridge> now) {
        Set<String> declared = new java.util.HashSet<>();
        now.forEach(b -> declared.add(b.name()));
        return before.stream().map(HostBridge::name).filter(n -> !declared.contains(n)).toList();
    }

    /** The interfaces in bridge {@code name} ({@code ip -o link show master NAME}). */
    private List<String> members(String name) throws IOException {
        String out = execute(true, null, "ip", "-o", "link", "show", "master", name).output();
        // "5: vm-web@if4: <BROADCAST,...> ... master microvm ..." → vm-web
        return out.lines().filter(l -> l.contains(": ")).map(l -> l.split(": ")[1].replaceFirst("@.*", "")).toList();
    }

    /** The bridges jmicrovm made (and has not removed since), kept in the state directory. */
    private Set<String> made() throws IOException {
        Path file = madeFile();
        return Files.exists(file)
                ? new TreeSet<>(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList())
                : new TreeSet<>();
    }

    private void recordMade(String name, boolean made) throws IOException {
        Set<String> names = made();
        if (made ? names.add(name) : names.remove(name)) {
            Files.createDirectories(state.bookkeeping());
            Links.writeAtomically(madeFile(), names.stream().map(n -> n + "\n")
                    .collect(Collectors.joining()));
        }
    }

    private Path madeFile() {
        return state.bookkeeping().resolve("bridges-made");
    }

    /** What {@link #removeUndeclared} would do, for {@code microvm-host plan}. */
    public List<Preview> previewRemoval(List<HostBridge> before, List<HostBridge> now) throws IOException {
        List<Preview> lines = new ArrayList<>();
        for (String name : undeclared(before, now)) {
            boolean ours = made().contains(name);
            lines.add(new Preview("bridge " + name + ": no longer declared; " + (ours
                    ? "will be removed once no interface is in it" : "stays (jmicrovm did not make it)"), ours));
        }
        return lines;
    }

    /**
     * One line of {@code microvm-host plan} about a bridge.
     *
     * @param changes whether the switch will change it: make or remove the bridge, start or restart its DHCP server
     */
    public record Preview(String line, boolean changes) {}

    /** What {@link #ensure} would do, for {@code microvm-host plan}: one line per bridge. */
    public List<Preview> preview(List<HostBridge> bridges) throws IOException {
        List<Preview> lines = new ArrayList<>();
        for (HostBridge b : bridges) {
            boolean exists = run(false, "ip", "link", "show", "dev", b.name()) == 0;
            Optional<BridgeDhcp.Status> server = b.dhcpServer().flatMap(d -> dhcpStatus(b, d));
            lines.add(new Preview("bridge " + b.name() + ": " + (exists ? "exists" : "will be made")
                    + (b.addresses().isEmpty() ? "" : ", addresses " + String.join(" ", b.addresses()))
                    + (b.interfaces().isEmpty() ? "" : ", joined by taps " + String.join(" ", b.interfaces()))
                    + (b.nat() ? ", NAT for " + String.join(" ", b.ipv4Networks()) : "")
                    + b.forwardPorts().stream().map(f -> ", port " + f.describe()).collect(
                            Collectors.joining())
                    + b.dhcpServer().map(d -> ", DHCP " + d.range() + (d.dns() ? " and DNS" : "")
                            + server.map(s -> switch (s) {
                                case STOPPED -> " (will be started)";
                                case RUNNING -> " (running)";
                                case OUTDATED -> " (running; restarts with this declaration, keeping its leases)";
                            }).orElse("")).orElse(""),
                    !exists || server.filter(s -> s != BridgeDhcp.Status.RUNNING).isPresent()));
        }
        return lines;
    }

    /** The DHCP server's state against its declaration; empty when it cannot be told (the line says less then). */
    private Optional<BridgeDhcp.Status> dhcpStatus(HostBridge bridge, HostBridge.Dhcp declared) {
        try {
            return Optional.of(dhcp.status(bridge, declared));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Puts each tap into the first bridge whose patterns it matches (a tap no pattern names stays as it is). */
    public void join(List<String> taps, List<HostBridge> bridges) throws IOException {
        for (String tap : taps) {
            for (HostBridge b : bridges) {
                if (b.takes(tap)) {
                    run(true, "ip", "link", "set", "dev", tap, "master", b.name());
                    log.accept("tap " + tap + " joined bridge " + b.name());
                    break;
                }
            }
        }
    }

    private int run(boolean check, String... command) throws IOException {
        return execute(check, null, command).status();
    }

    private int runWithInput(boolean check, String input, String... command) throws IOException {
        return execute(check, input, command).status();
    }

    /** How a command ended, and what it printed (stdout and stderr together). */
    private record Ran(int status, String output) {}

    private Ran execute(boolean check, String input, String... command) throws IOException {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(command));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (!check) {
                return new Ran(127, ""); // as the shell says "not found" (a host without nftables has no NAT table to remove)
            }
            throw new IOException(command[0] + " cannot be run (" + e.getMessage() + ")"
                    + (command[0].equals("nft") ? "; NAT needs nftables: apt-get install nftables" : ""), e);
        }
        try (var stdin = p.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", argv));
        }
        if (check && status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + status + "): " + output);
        }
        return new Ran(status, output);
    }
}
