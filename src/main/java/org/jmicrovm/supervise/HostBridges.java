package org.jmicrovm.supervise;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jmicrovm.model.HostBridge;

/**
 * {@code microvm.host.bridges} on the host, with {@code ip}: a switch makes each bridge that is missing, sets
 * its addresses and brings it up ({@link #ensure}); a VM's start puts its tap interfaces into the bridges
 * whose patterns they match ({@link #join}). Commands may run under a prefix ({@code ip netns exec NS}, for
 * tests), and every failure names the command and what {@code ip} said.
 */
public final class HostBridges {

    private final List<String> prefix;
    private final Consumer<String> log;

    public HostBridges(List<String> prefix, Consumer<String> log) {
        this.prefix = List.copyOf(prefix);
        this.log = log;
    }

    /** On this host, as the switch and the supervisor run. */
    public static HostBridges onHost(Consumer<String> log) {
        return new HostBridges(List.of(), log);
    }

    /** Makes the bridges that are missing, adds their addresses (again: {@code replace}) and brings them up. */
    public void ensure(List<HostBridge> bridges) throws IOException {
        for (HostBridge b : bridges) {
            if (run(false, "ip", "link", "show", "dev", b.name()) != 0) {
                run(true, "ip", "link", "add", "name", b.name(), "type", "bridge");
                log.accept("made bridge " + b.name());
            }
            for (String address : b.addresses()) {
                run(true, "ip", "addr", "replace", address, "dev", b.name());
            }
            run(true, "ip", "link", "set", "dev", b.name(), "up");
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
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
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
        return status;
    }
}
