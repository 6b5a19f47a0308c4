package org.jmicrovm.model;

import java.util.OptionalInt;

/**
 * {@code microvm.vsock}.
 *
 * @param cid        guest context id, empty = no vsock device
 * @param sshEnable  {@code microvm.vsock.ssh.enable}: sshd on vsock in the guest
 */
public record Vsock(OptionalInt cid, boolean sshEnable) {

    public Vsock {
        Require.optionalInt(cid, "microvm.vsock.cid");
    }

    public static Vsock none() {
        return new Vsock(OptionalInt.empty(), false);
    }

    public static Vsock cid(int cid) {
        return new Vsock(OptionalInt.of(cid), false);
    }
}
