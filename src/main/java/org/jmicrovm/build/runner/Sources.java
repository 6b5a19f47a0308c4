package org.jmicrovm.build.runner;

import org.jmicrovm.model.Share;

/** Where a share's files are on the host. */
final class Sources {
    private Sources() {}

    /** {@code /nix/store} means the host's store, wherever jmicrovm keeps it; other paths stay as written. */
    static String of(Share share, BuiltArtefacts artefacts) {
        return share.isHostStore() ? artefacts.hostStore() : share.source();
    }
}
