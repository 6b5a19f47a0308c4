package org.jmicrovm.supervise;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scripts of a runner store path, as microvm.nix's conventions name them. Which ones
 * exist tells the supervisor what a VM needs: {@code tap-up} only with tap interfaces,
 * {@code virtiofsd-run} only with virtiofs shares, {@code microvm-shutdown} only where the
 * hypervisor can shut down gracefully.
 */
public record RunnerScripts(Path runner) {

    public Path microvmRun() {
        return bin("microvm-run");
    }

    public Optional<Path> microvmShutdown() {
        return existing("microvm-shutdown");
    }

    public Optional<Path> tapUp() {
        return existing("tap-up");
    }

    public Optional<Path> tapDown() {
        return existing("tap-down");
    }

    public Optional<Path> macvtapUp() {
        return existing("macvtap-up");
    }

    public Optional<Path> macvtapDown() {
        return existing("macvtap-down");
    }

    public Optional<Path> virtiofsdRun() {
        return existing("virtiofsd-run");
    }

    /** The sockets virtiofsd will create, from {@code share/microvm/virtiofs/<tag>/socket}. */
    public List<String> virtiofsSockets() {
        Path dir = runner.resolve("share/microvm/virtiofs");
        List<String> sockets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return sockets;
        }
        try (var tags = Files.list(dir)) {
            for (Path tag : tags.sorted().toList()) {
                Path socketFile = tag.resolve("socket");
                if (Files.isRegularFile(socketFile)) {
                    sockets.add(Files.readString(socketFile).strip());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sockets;
    }

    /** {@code share/microvm/hypervisor}: which hypervisor the runner starts, if it says. */
    public Optional<String> hypervisor() {
        return firstLine(runner.resolve("share/microvm/hypervisor"));
    }

    /**
     * {@code share/microvm/console-socket}: the interactive console's socket, relative to the VM's
     * directory, for a runner that has one (qemu with {@code microvm.qemu.consoleSocket}).
     */
    public Optional<String> consoleSocket() {
        return firstLine(runner.resolve("share/microvm/console-socket"));
    }

    /** The ids of the runner's tap interfaces ({@code share/microvm/tap-interfaces}). */
    public java.util.List<String> tapInterfaces() {
        return lines(runner.resolve("share/microvm/tap-interfaces"));
    }

    /**
     * What the runner takes on the host that no other running VM may hold: its tap and macvtap interface names,
     * and its vsock context id ({@code vsock cid N}).
     */
    public java.util.Set<String> hostResources() {
        java.util.Set<String> taken = new java.util.LinkedHashSet<>();
        tapInterfaces().forEach(id -> taken.add("interface " + id));
        lines(runner.resolve("share/microvm/macvtap-interfaces")).stream().map(l -> l.split(" ")[0])
                .forEach(id -> taken.add("interface " + id));
        firstLine(runner.resolve("share/microvm/vsock-cid")).ifPresent(cid -> taken.add("vsock cid " + cid.strip()));
        return taken;
    }

    private static java.util.List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The guest's MAC behind each tap interface, by id ({@code share/microvm/tap-macs}; empty for older runners). */
    public java.util.Map<String, String> tapMacs() {
        java.util.Map<String, String> macs = new java.util.LinkedHashMap<>();
        for (String line : lines(runner.resolve("share/microvm/tap-macs"))) {
            String[] f = line.split(" ");
            if (f.length == 2) {
                macs.put(f[0], f[1].toLowerCase(java.util.Locale.ROOT));
            }
        }
        return macs;
    }

    /** Whether the runner's guest prints jmicrovm's ready line on its console ({@code share/microvm/readiness}). */
    public boolean reportsReadiness() {
        return firstLine(runner.resolve("share/microvm/readiness")).filter(l -> l.startsWith("console ")).isPresent();
    }

    /** A volume image of the runner ({@code share/microvm/volumes}): made at start when missing, or not. */
    public record VolumeImage(String image, boolean autoCreate) {}

    /**
     * The runner's volume images (an empty list when it has none), or nothing for a runner built before
     * jmicrovm recorded them, which cannot tell.
     */
    public Optional<java.util.List<VolumeImage>> volumeImages() {
        Path file = runner.resolve("share/microvm/volumes");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllLines(file).stream().filter(l -> l.length() > 5)
                    .map(l -> new VolumeImage(l.substring(5), l.startsWith("auto "))).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> firstLine(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.lines().findFirst().orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path bin(String name) {
        return runner.resolve("bin").resolve(name);
    }

    private Optional<Path> existing(String name) {
        Path path = bin(name);
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
}
