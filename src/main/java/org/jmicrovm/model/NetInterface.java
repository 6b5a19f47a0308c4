package org.jmicrovm.model;

import java.util.Optional;

/**
 * One entry of {@code microvm.interfaces}: a guest network card and how it reaches the host.
 *
 * @param type     how the host side is made
 * @param id       host-side interface name (tap/macvtap) or netdev id (user/bridge)
 * @param mac      guest MAC address
 * @param bridge   bridge to join ({@code type = "bridge"} only)
 * @param macvtap  parent link and mode ({@code type = "macvtap"} only)
 * @param tapVhost qemu {@code vhost=on} for tap interfaces
 */
public record NetInterface(Type type, String id, String mac, Optional<String> bridge, Optional<Macvtap> macvtap,
                           boolean tapVhost) {

    public enum Type {
        USER("user"), TAP("tap"), MACVTAP("macvtap"), BRIDGE("bridge");

        private final String nixName;

        Type(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Type fromNixName(String s) { return Enums.byNixName(values(), Type::nixName, s, "type"); }

        @Override public String toString() { return nixName; }
    }

    public enum MacvtapMode {
        PRIVATE("private"), VEPA("vepa"), BRIDGE("bridge"), PASSTHRU("passthru"), SOURCE("source");

        private final String nixName;

        MacvtapMode(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static MacvtapMode fromNixName(String s) {
            return Enums.byNixName(values(), MacvtapMode::nixName, s, "macvtap.mode");
        }

        @Override public String toString() { return nixName; }
    }

    /** {@code macvtap.link} and {@code macvtap.mode}. */
    public record Macvtap(String link, MacvtapMode mode) {
        public Macvtap {
            Require.text(link, "microvm.interfaces.*.macvtap.link");
            Require.present(mode, "microvm.interfaces.*.macvtap.mode");
        }
    }

    public NetInterface {
        Require.present(type, "microvm.interfaces.*.type");
        Require.text(id, "microvm.interfaces.*.id");
        Require.text(mac, "microvm.interfaces.*.mac");
        Require.optionalText(bridge, "microvm.interfaces.*.bridge");
        Require.optional(macvtap, "microvm.interfaces.*.macvtap");
    }

    public static NetInterface user(String id, String mac) {
        return new NetInterface(Type.USER, id, mac, Optional.empty(), Optional.empty(), false);
    }

    public static NetInterface tap(String id, String mac) {
        return new NetInterface(Type.TAP, id, mac, Optional.empty(), Optional.empty(), false);
    }

    public static NetInterface macvtap(String id, String mac, String link, MacvtapMode mode) {
        return new NetInterface(Type.MACVTAP, id, mac, Optional.empty(), Optional.of(new Macvtap(link, mode)), false);
    }

    public static NetInterface bridge(String id, String mac, String bridge) {
        return new NetInterface(Type.BRIDGE, id, mac, Optional.of(bridge), Optional.empty(), false);
    }
}
