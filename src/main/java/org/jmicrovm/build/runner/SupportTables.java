package org.jmicrovm.build.runner;

import java.util.EnumMap;
import java.util.Map;

/** Building blocks for the support tables: start from "everything works" and state the exceptions. */
final class SupportTables {
    private SupportTables() {}

    static EnumMap<Feature, Support> allSupported() {
        var m = new EnumMap<Feature, Support>(Feature.class);
        for (Feature f : Feature.values()) m.put(f, Support.yes());
        return m;
    }

    /** The features only qemu has, refused or ignored the way microvm.nix's runners do. */
    static EnumMap<Feature, Support> nonQemuDefaults(String name) {
        var m = allSupported();
        m.put(Feature.CREDENTIAL_FILES, Support.no("only qemu passes systemd credentials (fw_cfg)"));
        m.put(Feature.RUN_AS_USER, Support.no(name + " will not change user; run microvm-run as the user instead"));
        m.put(Feature.FORWARD_PORTS, Support.no("port forwarding needs qemu's user networking"));
        m.put(Feature.EMULATED_CPU, Support.warn("only qemu emulates a CPU model (TCG)"));
        m.put(Feature.INITIAL_BALLOON, Support.no("only cloud-hypervisor has an initial balloon size"));
        m.put(Feature.HUGEPAGES, Support.warn("only cloud-hypervisor backs guest memory with hugepages"));
        m.put(Feature.VOLUME_IMAGE_FORMAT, Support.no("only qemu and cloud-hypervisor read non-raw images"));
        m.put(Feature.GRAPHICS, Support.warn(name + " has no graphics support in jmicrovm"));
        return m;
    }

    static Map<Feature, Support> freeze(EnumMap<Feature, Support> m) {
        return java.util.Collections.unmodifiableMap(m);
    }
}
