package org.jmicrovm.host;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.ControlProtocol.Command;
import org.jmicrovm.supervise.ControlProtocol.Request;
import org.jmicrovm.supervise.ControlProtocol.Response;
import org.jmicrovm.supervise.ControlSocket;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.VmRuntime;

/**
 * Starting and stopping VMs for a switch: through the supervisor when one runs (so it
 * watches what it started), else directly.
 */
public interface VmControl {

    String start(VmName name) throws IOException;

    String stop(VmName name) throws IOException;

    String restart(VmName name) throws IOException;

    /** The supervisor if one answers on the control socket, else direct control. */
    static VmControl forHost(StateDirectory state, Consumer<String> log) throws IOException {
        if (ControlSocket.request(state, new Request(Command.PING, null)).isPresent()) {
            return new Supervised(state);
        }
        return new Direct(state, log);
    }

    record Supervised(StateDirectory state) implements VmControl {
        @Override
        public String start(VmName name) throws IOException {
            return send(Command.START, name);
        }

        @Override
        public String stop(VmName name) throws IOException {
            return send(Command.STOP, name);
        }

        @Override
        public String restart(VmName name) throws IOException {
            return send(Command.RESTART, name);
        }

        private String send(Command command, VmName name) throws IOException {
            Optional<Response> response = ControlSocket.request(state, new Request(command, name.value()));
            if (response.isEmpty()) {
                throw new IOException("the supervisor stopped answering on " + ControlSocket.path(state));
            }
            if (!response.get().ok()) {
                throw new IOException(response.get().message());
            }
            return response.get().message();
        }
    }

    record Direct(StateDirectory state, Consumer<String> log) implements VmControl {
        @Override
        public String start(VmName name) throws IOException {
            VmRuntime runtime = runtime(name);
            if (runtime.isRunning()) {
                return "MicroVM " + name + " is already running";
            }
            Process p = runtime.start();
            return "Started MicroVM " + name + " (pid " + p.pid() + "; no supervisor is running: it is not"
                    + " restarted if it crashes; start one with `microvm-host daemon`)";
        }

        @Override
        public String stop(VmName name) throws IOException {
            return "MicroVM " + name + ": " + runtime(name).stop(timeout());
        }

        @Override
        public String restart(VmName name) throws IOException {
            stop(name);
            return start(name).replace("Started", "Restarted");
        }

        private VmRuntime runtime(VmName name) {
            return new VmRuntime(state.vm(name), log);
        }

        private Duration timeout() throws IOException {
            return Duration.ofSeconds(HostSettings.read(state).startupTimeoutSeconds());
        }
    }
}
