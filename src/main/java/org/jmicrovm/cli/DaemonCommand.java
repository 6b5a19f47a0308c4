package org.jmicrovm.cli;

import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.supervise.ControlSocket;
import org.jmicrovm.supervise.Supervisor;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * {@code microvm-host daemon}: runs the embedded supervisor in the foreground. Stopping it
 * (SIGTERM, SIGKILL, a crash) leaves the VMs running; the next daemon adopts them.
 */
@CommandLine.Command(name = "daemon", description = "Supervise the MicroVMs of the state directory (foreground).")
final class DaemonCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        StateDirectory state = common.stateDirectory();
        java.nio.file.Files.createDirectories(state.root());
        try (Supervisor supervisor = new Supervisor(state, DaemonCommand::log);
             ServerSocketChannel server = ControlSocket.open(state)) {
            log("supervising " + state.root() + " (control socket " + ControlSocket.path(state) + ")");
            supervisor.startUp();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log("supervisor stopping; MicroVMs keep running");
                try {
                    server.close();
                } catch (java.io.IOException ignored) {
                    // closing anyway
                }
            }));
            ControlSocket.serve(server, supervisor::handle, DaemonCommand::log);
        }
        return 0;
    }

    private static void log(String line) {
        System.err.println(Instant.now() + " " + line);
    }
}
