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
            description = "Store directory (default: $MICROVM_STORE, else /var/lib/jmicrovm/store as root).")
    Path store;

    StateDirectory stateDirectory() {
        return StateDirectory.resolve(stateDir, System.getenv());
    }

    org.jmicrovm.store.Store store() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return org.jmicrovm.store.Store.open(org.jmicrovm.store.StoreLocation.resolve(
                java.util.Optional.ofNullable(this.store), System.getenv(), root));
    }
}
