package org.jmicrovm.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * A minimal qemu launcher for the boot tests (TCG, -M microvm): enough of a runner to prove the
 * built guest, until the runners' qemu command line is wired in. Console output is collected so
 * tests can wait for lines.
 */
public final class TestVm implements AutoCloseable {
    private final Process qemu;
    private final List<Process> helpers;
    private final StringBuffer console = new StringBuffer();
    private final Path qmpSocket;

    private TestVm(Process qemu, List<Process> helpers, Path qmpSocket) {
        this.qemu = qemu;
        this.helpers = helpers;
        this.qmpSocket = qmpSocket;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    console.append(line).append('\n');
                    if (System.getenv("JMICROVM_TEST_CONSOLE") != null) {
                        System.err.println("[guest] " + line);
                    }
                }
            } catch (IOException e) {
                // qemu went away
            }
        });
    }

    /** The host's TSC frequency in kHz: under TCG, -M microvm needs it or the kernel may hang calibrating. */
    static long tscKhz() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("cpu MHz")) {
                return Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000);
            }
        }
        return 0;
    }

    /** Boots {@code vm} with its state (volumes, sockets, relative share sources) in {@code stateDir}. */
    public static TestVm boot(BuiltMicroVm vm, Path stateDir, Optional<String> netns) throws IOException {
        Files.createDirectories(stateDir);
        List<Process> helpers = new ArrayList<>();
        List<String> cmd = new ArrayList<>();
        netns.ifPresent(ns -> cmd.addAll(List.of("ip", "netns", "exec", ns)));
        boolean virtiofs = vm.spec().shares().stream().anyMatch(s -> s.proto() == Share.Proto.VIRTIOFS);
        int mem = vm.spec().resources().memMiB();
        cmd.addAll(List.of("qemu-system-x86_64", "-name", vm.spec().hostName(), "-accel", "tcg", "-cpu", "max",
                "-M", "microvm,x-option-roms=off,rtc=on" + (virtiofs ? ",memory-backend=mem" : ""),
                "-m", mem + "M", "-smp", "1", "-nodefaults", "-no-user-config", "-nographic", "-no-reboot",
                "-serial", "stdio", "-global", "virtio-mmio.force-legacy=false",
                "-kernel", vm.kernelImage().toString(), "-initrd", vm.initrd().toString(),
                "-append", "console=ttyS0 reboot=t panic=-1 quiet tsc_early_khz=" + tscKhz() + " "
                        + String.join(" ", vm.guestKernelParams())));
        Path qmp = stateDir.resolve("qmp.sock");
        Files.deleteIfExists(qmp);
        cmd.addAll(List.of("-qmp", "unix:" + qmp + ",server=on,wait=off"));
        if (virtiofs) {
            cmd.addAll(List.of("-object", "memory-backend-memfd,id=mem,size=" + mem + "M,share=on"));
        }
        vm.storeDisk().ifPresent(disk -> cmd.addAll(List.of(
                "-drive", "id=store,format=raw,read-only=on,file=" + disk + ",if=none",
                "-device", "virtio-blk-device,drive=store")));
        int i = 0;
        for (Volume v : vm.spec().volumes()) {
            Path image = stateDir.resolve(v.image());
            if (!Files.exists(image) && v.autoCreate()) {
                Exec.check(null, List.of("truncate", "-s", v.sizeMiB().getAsInt() + "M", image.toString()));
                List<String> mkfs = new ArrayList<>(List.of("mkfs." + v.fsType(), "-q"));
                v.label().ifPresent(l -> mkfs.addAll(List.of("-L", l)));
                mkfs.add(image.toString());
                Exec.check(null, mkfs);
            }
            cmd.addAll(List.of("-drive", "id=vol" + i + ",format=raw,file=" + image + ",if=none",
                    "-device", "virtio-blk-device,drive=vol" + i));
            i++;
        }
        int fs = 0;
        for (Share s : vm.spec().shares()) {
            Path source = s.isHostStore() ? vm.storeDir() : stateDir.resolve(s.source());
            Files.createDirectories(source);
            switch (s.proto()) {
                case NINE_P -> cmd.addAll(List.of(
                        "-fsdev", "local,id=fs" + fs + ",path=" + source + ",security_model=" + s.securityModel()
                                + ",readonly=" + (s.readOnly() ? "on" : "off"),
                        "-device", "virtio-9p-device,fsdev=fs" + fs + ",mount_tag=" + s.tag()));
                case VIRTIOFS -> {
                    Path sock = stateDir.resolve(s.tag() + ".vfs.sock");
                    Files.deleteIfExists(sock);
                    Process d = new ProcessBuilder("/usr/lib/qemu/virtiofsd", "--socket-path=" + sock,
                            "-o", "source=" + source, "-o", "cache=auto")
                            .redirectErrorStream(true).redirectOutput(stateDir.resolve(s.tag() + ".vfs.log").toFile())
                            .start();
                    helpers.add(d);
                    waitFor(sock, Duration.ofSeconds(10));
                    cmd.addAll(List.of("-chardev", "socket,id=fs" + fs + ",path=" + sock,
                            "-device", "vhost-user-fs-device,chardev=fs" + fs + ",tag=" + s.tag()));
                }
            }
            fs++;
        }
        int n = 0;
        for (NetInterface nic : vm.spec().interfaces()) {
            String netdev = switch (nic.type()) {
                case USER -> {
                    StringBuilder u = new StringBuilder("user,id=net" + n + ",restrict=on");
                    for (ForwardPort p : vm.spec().forwardPorts()) {
                        u.append(",hostfwd=").append(p.proto().nixName()).append(':').append(p.hostAddress()).append(':')
                                .append(p.hostPort()).append('-').append(p.guestAddress()).append(':').append(p.guestPort());
                    }
                    yield u.toString();
                }
                case TAP -> "tap,id=net" + n + ",ifname=" + nic.id() + ",script=no,downscript=no";
                default -> throw new IllegalArgumentException("test launcher: no " + nic.type() + " interfaces");
            };
            cmd.addAll(List.of("-netdev", netdev, "-device", "virtio-net-device,netdev=net" + n + ",mac=" + nic.mac()));
            n++;
        }
        Process qemu = new ProcessBuilder(cmd).directory(stateDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new TestVm(qemu, helpers, qmp);
    }

    private static void waitFor(Path file, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new IOException(file + " did not appear");
            }
            sleep(20);
        }
    }

    public String console() {
        return console.toString();
    }

    /** Waits until the console shows a line matching {@code regex}; returns the match. */
    public Matcher await(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(console);
            if (m.find()) {
                return m;
            }
            if (!qemu.isAlive() && !p.matcher(console).find()) {
                sleep(100); // let the reader drain the last lines
                Matcher last = p.matcher(console);
                if (last.find()) {
                    return last;
                }
                throw new AssertionError("qemu exited (" + qemu.exitValue() + ") before /" + regex + "/:\n" + console);
            }
            sleep(20);
        }
        throw new AssertionError("no /" + regex + "/ within " + timeout + ":\n" + console);
    }

    /** Presses the ACPI power button over QMP. */
    public void powerdown() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(qmpSocket));
            String msg = "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"system_powerdown\"}\n";
            ch.write(ByteBuffer.wrap(msg.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            StringBuilder got = new StringBuilder();
            while (System.nanoTime() < end && count(got.toString(), "\"return\"") < 2) {
                buf.clear();
                if (ch.read(buf) < 0) {
                    break;
                }
                got.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            }
        }
    }

    private static int count(String s, String sub) {
        int c = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            c++;
        }
        return c;
    }

    /** Waits for qemu to exit; returns its status, or empty on timeout. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.of(qemu.exitValue());
        }
        return Optional.empty();
    }

    public OutputStream stdin() {
        return qemu.getOutputStream();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (qemu.isAlive()) {
            qemu.destroyForcibly();
        }
        for (Process h : helpers) {
            h.destroy();
        }
        try {
            qemu.waitFor(5, TimeUnit.SECONDS);
            for (Process h : helpers) {
                h.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
