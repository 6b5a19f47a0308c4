package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code microvm.shares}: a host directory exported to the guest over 9p or virtiofs.
 *
 * @param tag           mount tag seen by the guest; unique per VM (checked with the other guest assertions)
 * @param source        host path; relative paths resolve against the VM's state directory at run time,
 *                      and {@code "/nix/store"} means the host's store (wherever jmicrovm's store is)
 * @param mountPoint    absolute path in the guest
 * @param proto         transport
 * @param socket        virtiofsd socket (virtiofs only; relative to the state directory when relative)
 * @param securityModel qemu 9p {@code security_model=}
 * @param readOnly      export read-only
 * @param cache         virtiofsd {@code --cache=}
 * @param posixAcl      virtiofsd {@code --posix-acl --xattr}
 * @param extraArgs     extra virtiofsd arguments, after the global ones
 */
public record Share(String tag, String source, String mountPoint, Proto proto, Optional<String> socket,
                    SecurityModel securityModel, boolean readOnly, Cache cache, boolean posixAcl,
                    List<String> extraArgs) {

    /** The value of {@code source} that stands for the host's store. */
    public static final String HOST_STORE = "/nix/store";

    public enum Proto {
        NINE_P("9p"), VIRTIOFS("virtiofs");

        private final String nixName;

        Proto(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Proto fromNixName(String s) { return Enums.byNixName(values(), Proto::nixName, s, "proto"); }

        @Override public String toString() { return nixName; }
    }

    public enum SecurityModel {
        PASSTHROUGH("passthrough"), NONE("none"), MAPPED("mapped"), MAPPED_FILE("mapped-file");

        private final String nixName;

        SecurityModel(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static SecurityModel fromNixName(String s) {
            return Enums.byNixName(values(), SecurityModel::nixName, s, "securityModel");
        }

        @Override public String toString() { return nixName; }
    }

    public enum Cache {
        AUTO("auto"), ALWAYS("always"), METADATA("metadata"), NEVER("never");

        private final String nixName;

        Cache(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Cache fromNixName(String s) { return Enums.byNixName(values(), Cache::nixName, s, "cache"); }

        @Override public String toString() { return nixName; }
    }

    public Share {
        Require.text(tag, "microvm.shares.*.tag");
        Require.text(source, "microvm.shares.*.source");
        Require.text(mountPoint, "microvm.shares.*.mountPoint");
        Require.present(proto, "microvm.shares.*.proto");
        Require.optionalText(socket, "microvm.shares.*.socket");
        Require.present(securityModel, "microvm.shares.*.securityModel");
        Require.present(cache, "microvm.shares.*.cache");
        extraArgs = Require.list(extraArgs, "microvm.shares.*.extraArgs");
    }

    /** A share with the option defaults of microvm.nix except the socket, which the caller names. */
    public static Share of(Proto proto, String tag, String source, String mountPoint, Optional<String> socket) {
        return new Share(tag, source, mountPoint, proto, socket, SecurityModel.NONE, false, Cache.AUTO, true, List.of());
    }

    public boolean isHostStore() {
        return HOST_STORE.equals(source);
    }

    public Share withReadOnly(boolean ro) {
        return new Share(tag, source, mountPoint, proto, socket, securityModel, ro, cache, posixAcl, extraArgs);
    }
}
