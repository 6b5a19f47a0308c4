package org.jmicrovm.bench;

import java.nio.file.Path;
import org.jmicrovm.host.VmBuilds;
import org.jmicrovm.store.Store;

/** Builds the benchmark's seed VM once into the store given and prints how long the build took, in ns. */
public final class BuildOnce {
    private BuildOnce() {}

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]));
        long t0 = System.nanoTime();
        new VmBuilds(store, System.getenv(), s -> {}).build(BootBench.seedVm());
        System.out.println(System.nanoTime() - t0);
    }
}
