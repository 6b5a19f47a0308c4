package org.jmicrovm.cli;

import java.nio.file.Path;
import org.jmicrovm.state.StateDirectory;
import picocli.CommandLine.Option;

/** {@code --state-dir} and {@code --store}, shared by {@code microvm} and {@code microvm-host}. */
final class CommonOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: $MICROVM_STATE_DIR, else /var/lib/microvms).")
    Path stateDir;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Store directory (default: $MICROVM_STORE, else /var/lib/jmicrovm/store).")
    Path store;

    StateDirectory stateDirectory() {
        return StateDirectory.resolve(stateDir, System.getenv());
    }
}
