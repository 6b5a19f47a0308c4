package org.jmicrovm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.host.VmControl;
import org.jmicrovm.supervise.ControlProtocol.Command;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlProtocol.Response;
import org.jmicrovm.supervise.ConsoleRelay;
import org.jmicrovm.supervise.ControlSocket;
import org.jmicrovm.supervise.RunnerScripts;
import org.jmicrovm.supervise.VmConsole;
import org.jmicrovm.supervise.VmRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code microvm start|stop|restart|status|logs NAME}. With a supervisor running they go
 * through its control socket; without one, start and stop act directly (and say that a VM
 * started so is not restarted after a crash).
 */
final class VmControlCommands {

    private VmControlCommands() {}

    abstract static class VmCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        MicrovmCommand parent;

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "NAME", description = "The VM's name.")
        String name;

        StateDirectory state() {
            return common.stateDir != null ? common.stateDirectory() : parent.common.stateDirectory();
        }

        VmDirectory vm() {
            String problem = VmName.problemWith(name);
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
            VmDirectory vm = state().vm(new VmName(name));
            if (!vm.exists()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "MicroVM " + name + " not found in " + state().root());
            }
            return vm;
        }

        Optional<Response> viaSupervisor(Command command) throws IOException {
            return ControlSocket.request(state(), new Request(command, name));
        }

        VmRuntime direct(VmDirectory vm) {
            return new VmRuntime(vm, line -> spec.commandLine().getErr().println(line));
        }

    }

    /** start, stop, restart: through the supervisor when one answers, else directly ({@link VmControl}). */
    abstract static class LifecycleCommand extends VmCommand {
        abstract String act(VmControl control, VmName vm) throws IOException;

        /** Whether the command waits for the guest's ready line after it ({@code --wait}). */
        boolean waitsForGuest() {
            return false;
        }

        /**
         * {@code --wait}: what systemd's {@code Type=notify} units give microvm.nix's users ({@code systemctl start}
         * returns once the guest is up). Exit 0 once the guest printed its ready line, 1 when the VM stopped or the
         * host's {@code microvm.host.startupTimeout} passed first.
         */
        int awaitGuest(VmRuntime runtime, long logOffset) throws IOException {
            int seconds = org.jmicrovm.supervise.HostSettings.read(state()).startupTimeoutSeconds();
            var outcome = org.jmicrovm.host.GuestReadiness.await(runtime, logOffset, java.time.Duration.ofSeconds(seconds));
            switch (outcome) {
                case READY -> {
                    spec.commandLine().getOut().println("MicroVM " + name + " is up");
                    return 0;
                }
                case STOPPED -> spec.commandLine().getErr().println("microvm: MicroVM " + name
                        + " stopped before its guest reported ready; see microvm logs " + name);
                default -> spec.commandLine().getErr().println("microvm: MicroVM " + name + " did not report ready within "
                        + seconds + " s (microvm.host.startupTimeout); see microvm logs " + name);
            }
            return 1;
        }

        @Override
        public Integer call() throws IOException {
            VmDirectory vm = vm();
            VmControl control = VmControl.forHost(state(), line -> spec.commandLine().getErr().println(line));
            try {
                if (waitsForGuest() && !vm.currentTarget().map(r -> new RunnerScripts(r).reportsReadiness()).orElse(false)) {
                    // refused before anything starts: a wait that cannot end is no use
                    spec.commandLine().getErr().println("microvm: cannot wait for MicroVM " + name + ": its runner"
                            + " does not say how its guest reports that it is up (built by an older jmicrovm or by"
                            + " microvm.nix); start it without --wait");
                    return 1;
                }
                VmRuntime runtime = direct(vm);
                long logOffset = org.jmicrovm.host.GuestReadiness.logSize(runtime.consoleLog());
                spec.commandLine().getOut().println(act(control, vm.name()));
                if (waitsForGuest()) {
                    spec.commandLine().getOut().flush();
                    return awaitGuest(runtime, logOffset);
                }
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("microvm: " + e.getMessage());
                return 1;
            } finally {
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().flush();
            }
        }
    }

    /** start and restart: they may wait for the guest ({@code --wait}). */
    abstract static class StartingCommand extends LifecycleCommand {
        @Option(names = "--wait", description = "Return once the guest reports that it is up (at most microvm.host.startupTimeout).")
        boolean waitForGuest;

        @Override
        boolean waitsForGuest() {
            return waitForGuest;
        }
    }

    @CommandLine.Command(name = "start", description = "Start a MicroVM.")
    static final class Start extends StartingCommand {
        @Override
        String act(VmControl control, VmName vm) throws IOException {
            return control.start(vm);
        }
    }

    @CommandLine.Command(name = "stop", description = "Stop a MicroVM gracefully.")
    static final class Stop extends LifecycleCommand {
        @Override
        String act(VmControl control, VmName vm) throws IOException {
            return control.stop(vm);
        }
    }

    @CommandLine.Command(name = "restart", description = "Stop a MicroVM gracefully and start it from current.")
    static final class Restart extends StartingCommand {
        @Override
        String act(VmControl control, VmName vm) throws IOException {
            return control.restart(vm);
        }
    }

    @CommandLine.Command(name = "rollback", description = {
            "Go back to the runner installed before the last switch or -u (a second rollback undoes the first).",
            "The VM keeps running the runner it booted from unless -R is given."})
    static final class Rollback extends VmCommand {
        @Option(names = {"-R", "--restart"}, description = "Reboot the VM into the runner rolled back to (start it if it is off).")
        boolean restart;

        @Override
        public Integer call() throws IOException {
            VmDirectory vm = vm();
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            Terminal term = Terminal.detect();
            VmControl control = VmControl.forHost(state(), err::println);
            try {
                org.jmicrovm.host.ImperativeVms.rollback(state(), vm.name(), restart, control, term.output(out, err),
                        err::println);
                return 0;
            } catch (org.jmicrovm.host.ImperativeVms.Refused e) {
                err.println(term.red(e.getMessage()));
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @CommandLine.Command(name = "reset", description = {
            "Delete a stopped MicroVM's volume images that its runner makes again (autoCreate), so that it",
            "starts with empty volumes. Without --yes it only shows what it would delete."})
    static final class Reset extends VmCommand {
        @Option(names = "--yes", description = "Delete them.")
        boolean yes;

        @Override
        public Integer call() throws IOException {
            VmDirectory vm = vm();
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            try {
                var result = org.jmicrovm.host.ResetVolumes.run(state(), vm.name(), yes, err::println);
                for (Path image : result.kept()) {
                    out.println("keeping " + image + " (no autoCreate: nothing would make it again)");
                }
                if (result.toDelete().isEmpty()) {
                    out.println("MicroVM " + name + " has no volume image to reset.");
                    return 0;
                }
                for (Path image : result.toDelete()) {
                    out.println((result.deleted() ? "deleted " : "would delete ") + image);
                }
                if (!result.deleted()) {
                    out.println("Nothing deleted: run microvm reset --yes " + name + " to delete "
                            + (result.toDelete().size() == 1 ? "it" : "them") + ".");
                    return 1;
                }
                out.println("MicroVM " + name + " starts with new, empty volumes: microvm start " + name);
                return 0;
            } catch (org.jmicrovm.host.ResetVolumes.Refused e) {
                err.println("microvm: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @CommandLine.Command(name = "status", description = "Show whether a MicroVM runs, and from which runner.")
    static final class Status extends VmCommand {
        @Override
        public Integer call() throws IOException {
            VmDirectory vm = vm();
            Optional<Response> supervised = viaSupervisor(Command.STATUS);
            var out = spec.commandLine().getOut();
            if (supervised.isPresent() && supervised.get().ok() && !supervised.get().vms().isEmpty()) {
                var s = supervised.get().vms().get(0);
                out.println(s.name() + ": " + s.state() + (s.pid() == null ? "" : " (pid " + s.pid() + ")"));
                out.println("  current: " + Optional.ofNullable(s.current()).orElse("(none)"));
                out.println("  booted:  " + Optional.ofNullable(s.booted()).orElse("(none)"));
                guestLine(vm, out);
                if (s.restarts() > 0 || s.lastExit() != null) {
                    out.println("  restarts: " + s.restarts() + (s.lastExit() == null ? "" : ", last: " + s.lastExit()));
                }
            } else {
                var hypervisor = direct(vm).hypervisor();
                out.println(name + ": " + hypervisor.map(h -> "running (pid " + h.pid() + ")").orElse("stopped")
                        + " (no supervisor)");
                out.println("  current: " + vm.currentTarget().map(Path::toString).orElse("(none)"));
                out.println("  booted:  " + vm.bootedTarget().map(Path::toString).orElse("(none)"));
                guestLine(vm, out);
            }
            addressLines(vm, out);
            pendingLines(vm, out);
            vm.previousTarget().filter(p -> !vm.currentTarget().equals(Optional.of(p)))
                    .ifPresent(p -> out.println("  previous: " + p + " (microvm rollback " + name + ")"));
            out.flush();
            return 0;
        }

        /**
         * What a restart would change for a guest that booted another runner than the installed one, in the words
         * of its configuration (as {@code plan} says it).
         */
        private void pendingLines(VmDirectory vm, java.io.PrintWriter out) {
            Optional<Path> booted = vm.bootedTarget();
            Optional<Path> current = vm.currentTarget();
            if (booted.isEmpty() || current.isEmpty() || booted.equals(current)) {
                return;
            }
            out.println("  pending: the guest runs another runner than the installed one; `microvm restart " + name
                    + "` applies:");
            for (String change : new org.jmicrovm.host.RunnerDeclarations().changes(booted.get(), current.get())) {
                out.println("    ~ " + change);
            }
        }

        /**
         * The addresses the DHCP servers of the host's bridges leased to the guest behind the VM's taps
         * ({@code microvm.host.bridges.<name>.dhcp}), found by the guest's MAC, and the host's ports the bridges
         * forward to those addresses.
         */
        private void addressLines(VmDirectory vm, java.io.PrintWriter out) throws IOException {
            Optional<Path> current = vm.currentTarget();
            if (current.isEmpty()) {
                return;
            }
            var leases = org.jmicrovm.supervise.HostBridges.leasesOf(state(), current.get());
            for (var l : leases) {
                out.println("  address: " + l.address() + " (tap " + l.tap() + ", DHCP on bridge " + l.bridge() + ")");
            }
            for (var b : org.jmicrovm.supervise.HostSettings.read(state()).bridges()) {
                for (var f : b.forwardPorts()) {
                    if (leases.stream().anyMatch(l -> l.bridge().equals(b.name()) && l.address().equals(f.guestAddress()))) {
                        out.println("  port:    " + f.describe() + " (forwarded by the host, bridge " + b.name() + ")");
                    }
                }
            }
        }

        /**
         * Whether the guest of a running VM is up: a hypervisor process can run a guest that panicked or
         * hangs in its boot, which only the console shows.
         */
        private void guestLine(VmDirectory vm, java.io.PrintWriter out) throws IOException {
            VmRuntime runtime = direct(vm);
            if (runtime.isRunning() && org.jmicrovm.host.GuestReadiness.judged(vm)) {
                out.println("  guest:   " + (org.jmicrovm.host.GuestReadiness.readyInRunningBoot(runtime) ? "ready"
                        : "no ready line yet (booting, or stuck: microvm logs " + name + ")"));
            }
        }
    }

    @CommandLine.Command(name = "logs", description = "Print the end of a MicroVM's console log.")
    static final class Logs extends VmCommand {
        @Option(names = {"-n", "--lines"}, defaultValue = "100", description = "How many lines (default 100).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep printing what the console writes, until interrupted.")
        boolean follow;

        @Option(names = {"-b", "--boot"}, description = "Everything the running (or last) boot wrote, from its start.")
        boolean boot;

        @Override
        public Integer call() throws IOException, InterruptedException {
            VmDirectory vm = vm();
            VmRuntime runtime = direct(vm);
            Path log = runtime.consoleLog();
            if (!Files.exists(log)) {
                spec.commandLine().getErr().println("MicroVM " + name + " has no console log yet (" + log + ")");
                return 1;
            }
            var out = spec.commandLine().getOut();
            if (boot) {
                // from where the log ended when the VM was last started (all of it if rotated since)
                long offset = runtime.bootLogOffset() <= Files.size(log) ? runtime.bootLogOffset() : 0;
                try (var in = Files.newInputStream(log)) {
                    in.skipNBytes(offset);
                    out.print(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                out.flush();
                if (follow) {
                    follow(log, Files.size(log), out);
                }
                return 0;
            }
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            out.flush();
            if (follow) {
                follow(log, Files.size(log), out);
            }
            return 0;
        }

        /** Prints what is appended to the log; starts over when the supervisor rotates it. */
        private static void follow(Path log, long from, java.io.PrintWriter out) throws IOException, InterruptedException {
            long position = from;
            while (true) {
                long size = Files.exists(log) ? Files.size(log) : 0;
                if (size < position) {
                    position = 0; // rotated (copied to console.log.1 and truncated)
                }
                if (size > position) {
                    try (var channel = java.nio.channels.FileChannel.open(log)) {
                        channel.position(position);
                        var buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
                        int read = channel.read(buffer);
                        position += Math.max(read, 0);
                        out.print(new String(buffer.array(), 0, Math.max(read, 0),
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    @CommandLine.Command(name = "console", description = {
            "Attach to a MicroVM's interactive console (a shell on the guest's hvc0); Ctrl-] detaches.",
            "Without a terminal, standard input is sent as typed and the session ends when it does."})
    static final class Console extends VmCommand {
        @Option(names = "--linger", defaultValue = "2", paramLabel = "SECONDS",
                description = "When standard input ends, wait until the guest has been silent this long (default 2).")
        double linger;

        @Override
        public Integer call() throws IOException {
            VmDirectory vm = vm();
            var err = spec.commandLine().getErr();
            try {
                switch (VmConsole.locate(vm, direct(vm))) {
                    case VmConsole.Target.NotRunning n -> {
                        err.println("MicroVM " + name + " is not running; start it with: microvm start " + name);
                        return 1;
                    }
                    case VmConsole.Target.Unavailable u -> {
                        err.println("microvm console: " + u.reason());
                        return u.unsupported() ? 2 : 1;
                    }
                    case VmConsole.Target.Socket s -> {
                        return attach(s.path(), err);
                    }
                }
            } finally {
                err.flush();
            }
        }

        private int attach(Path socket, java.io.PrintWriter err) throws IOException {
            ConsoleRelay.End end;
            try (var channel = VmConsole.connect(socket)) {
                var raw = RawTerminal.enterIfInteractive();
                // Only now: whatever the user types after reading this goes to the guest, unechoed by us.
                // A raw terminal does not turn \n into a new line by itself.
                err.print("Connected to the console of MicroVM " + name + " (Ctrl-] detaches; press Enter for a prompt)"
                        + (raw.isPresent() ? "\r\n" : "\n"));
                err.flush();
                try {
                    end = new ConsoleRelay(channel, System.in, System.out,
                            java.time.Duration.ofMillis((long) (linger * 1000))).run();
                } finally {
                    raw.ifPresent(RawTerminal::close);
                }
            }
            err.println();
            err.println(switch (end) {
                case DETACHED -> "Detached from the console of MicroVM " + name + "; it keeps running.";
                case INPUT_ENDED -> "Input ended; detached from the console of MicroVM " + name + ".";
                case CONSOLE_CLOSED -> "The console of MicroVM " + name + " closed (the VM stopped).";
            });
            return 0;
        }
    }
}
