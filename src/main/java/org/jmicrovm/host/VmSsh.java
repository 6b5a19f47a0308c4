package org.jmicrovm.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.state.VmDirectory;

/**
 * {@code microvm -s NAME [args]}: the ssh command line that reaches a running VM. microvm.nix goes
 * through vsock ({@code vsock/<cid>}, or cloud-hypervisor's {@code vsock-mux}); where the VM has no
 * vsock but forwards a host port to guest port 22 ({@code microvm.forwardPorts}, recorded by the
 * runner in {@code share/microvm/forward-ports}), jmicrovm connects to that port instead.
 *
 * <p>Arguments as the original's: a {@code --} right after the name is eaten by its getopts; if
 * the first remaining argument is {@code --}, the rest are ssh options, otherwise they are the
 * remote command, to which {@code -l root} is prepended unless it has {@code -l} or {@code --login}.
 */
public final class VmSsh {
    private static final List<String> NO_HOST_KEY_CHECKS =
            List.of("ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null");

    private VmSsh() {}

    /** What {@code microvm -s} does: run ssh, or refuse with the original's message and a hint. */
    public sealed interface Plan {}

    /** @param argv the ssh command; {@code via} says how the guest is reached, for the banner */
    public record Connect(List<String> argv, String via) implements Plan {}

    /** @param hint an extra line telling what to change, may be empty */
    public record Refused(String message, String hint) implements Plan {}

    /**
     * @param running whether the VM's hypervisor runs
     * @param args    what followed the name on the command line, after getopts' {@code --}
     */
    public static Plan plan(VmDirectory vm, boolean running, List<String> args) throws IOException {
        String name = vm.name().value();
        if (!vm.exists()) {
            return new Refused("MicroVM " + name + " not found", "");
        }
        if (!running) {
            return new Refused("MicroVM " + name + " is not running", "");
        }
        Path share = vm.current().resolve("share/microvm");
        Optional<String> cid = read(share.resolve("vsock-cid"));
        List<String> extraOptions = new ArrayList<>();
        List<String> command = new ArrayList<>(args);
        if (!command.isEmpty() && command.get(0).equals("--")) {
            extraOptions.addAll(command.subList(1, command.size()));
            command.clear();
        }
        if (!command.contains("-l") && !command.contains("--login") && !extraOptions.contains("-l")) {
            command.addAll(0, List.of("-l", "root"));
        }
        List<String> argv = new ArrayList<>(NO_HOST_KEY_CHECKS);
        if (cid.isPresent()) {
            String hypervisor = read(share.resolve("hypervisor")).orElse("");
            String target = hypervisor.equals("cloud-hypervisor")
                    ? "vsock-mux" + vm.path().resolve("notify.vsock") : "vsock/" + cid.get();
            argv.addAll(extraOptions);
            argv.add(target);
            argv.addAll(command);
            return new Connect(argv, "VSOCK");
        }
        Optional<String[]> forward = read(share.resolve("forward-ports")).stream()
                .flatMap(text -> text.lines().map(l -> l.trim().split("\\s+")))
                .filter(f -> f.length == 6 && f[0].equals("tcp") && f[1].equals("host") && f[5].equals("22"))
                .findFirst();
        if (forward.isEmpty()) {
            return new Refused("MicroVM " + name + " does not have VSOCK enabled",
                    "Set microvm.vsock.cid in the VM configuration (this host has no vsock: jmicrovm also connects"
                            + " through a microvm.forwardPorts entry to guest port 22, on qemu's user network)");
        }
        String address = forward.get()[2].equals("-") || forward.get()[2].equals("0.0.0.0")
                ? "127.0.0.1" : forward.get()[2];
        argv.addAll(List.of("-p", forward.get()[3]));
        argv.addAll(extraOptions);
        argv.add(address);
        argv.addAll(command);
        return new Connect(argv, "port " + forward.get()[3] + " on " + address);
    }

    private static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
