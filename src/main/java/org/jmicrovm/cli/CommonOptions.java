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

    @Option(names = "--offline",
            description = "Download nothing: every Debian package must be in the lock file and the deb cache.")
    boolean offline;

    StateDirectory stateDirectory() {
        return StateDirectory.resolve(stateDir, System.getenv());
    }

    org.jmicrovm.store.Store store() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return org.jmicrovm.store.Store.open(org.jmicrovm.store.StoreLocation.resolve(
                java.util.Optional.ofNullable(this.store), System.getenv(), root));
    }

    /**
     * The Debian package sets of one command, pinned by {@code lockFile}: what {@code pkgs.<name>} means
     * in the configurations it evaluates ({@link org.jmicrovm.host.HostPackages#moduleSystem}) and what
     * its builds put into guests. The store is opened on first use.
     */
    org.jmicrovm.host.HostPackages hostPackages(Path lockFile, java.util.function.Consumer<String> progress) {
        return packagesAt(lockFile, java.util.Optional.ofNullable(store), offline, progress);
    }

    static org.jmicrovm.host.HostPackages packagesAt(Path lockFile, java.util.Optional<Path> storeDir, boolean offline,
                                                     java.util.function.Consumer<String> progress) {
        boolean root = "root".equals(System.getProperty("user.name"));
        org.jmicrovm.store.Store[] opened = new org.jmicrovm.store.Store[1];
        java.util.function.Supplier<org.jmicrovm.store.Store> lazyStore = () -> {
            if (opened[0] == null) {
                opened[0] = org.jmicrovm.store.Store.open(org.jmicrovm.store.StoreLocation.resolve(
                        storeDir, System.getenv(), root));
            }
            return opened[0];
        };
        return new org.jmicrovm.host.HostPackages(lockFile, lazyStore, offline, System.getenv(), progress);
    }
}
