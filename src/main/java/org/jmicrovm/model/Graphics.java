package org.jmicrovm.model;

import java.util.Optional;

/**
 * {@code microvm.graphics}.
 *
 * @param enable  attach a virtio GPU
 * @param backend display backend (cocoa is macOS-only, so not offered)
 * @param socket  vhost-user GPU socket (cloud-hypervisor, crosvm)
 * @param vulkan  crosvm GPU context
 * @param hostmem crosvm GPU host memory, e.g. {@code 256M}
 */
public record Graphics(boolean enable, Backend backend, String socket, Optional<Vulkan> vulkan, String hostmem) {

    public enum Backend {
        GTK("gtk"), HEADLESS("headless");

        private final String nixName;

        Backend(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Backend fromNixName(String s) {
            if ("cocoa".equals(s)) {
                throw new InvalidSpecException("microvm.graphics.backend",
                    "not supported by jmicrovm: \"cocoa\" is macOS-only; use \"gtk\" or \"headless\"");
            }
            return Enums.byNixName(values(), Backend::nixName, s, "microvm.graphics.backend");
        }

        @Override public String toString() { return nixName; }
    }

    public enum Vulkan {
        VENUS("venus"), DRM_NATIVE_CONTEXT("drm_native_context");

        private final String nixName;

        Vulkan(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Vulkan fromNixName(String s) {
            return Enums.byNixName(values(), Vulkan::nixName, s, "microvm.graphics.vulkan");
        }

        @Override public String toString() { return nixName; }
    }

    public Graphics {
        Require.present(backend, "microvm.graphics.backend");
        Require.text(socket, "microvm.graphics.socket");
        Require.optional(vulkan, "microvm.graphics.vulkan");
        Require.text(hostmem, "microvm.graphics.hostmem");
    }

    /** Graphics off; the other fields are the defaults microvm.nix gives a host named {@code hostName}. */
    public static Graphics disabled(String hostName) {
        return new Graphics(false, Backend.GTK, hostName + "-gpu.sock", Optional.empty(), "256M");
    }
}
