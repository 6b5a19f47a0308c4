package org.jmicrovm.store;

import java.util.Set;

/**
 * The store paths that must survive a garbage collection (for instance the runners that state
 * directories point to and the ones running VMs were booted from). Everything they refer to,
 * transitively, survives with them.
 */
@FunctionalInterface
public interface GcRoots {
    Set<StorePath> roots(Store store);
}
