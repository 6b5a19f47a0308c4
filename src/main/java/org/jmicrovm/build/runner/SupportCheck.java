package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/** Finds the hypervisor-dependent features a spec uses and judges them against a runner's support table. */
final class SupportCheck {
    private SupportCheck() {}

    /** One use of a feature: where in the spec, and which entry. */
    record Use(Feature feature, String option, String detail) {}

    static List<Use> uses(MicroVmSpec spec) {
        var uses = new ArrayList<Use>();
        for (int i = 0; i < spec.shares().size(); i++) {
            Share s = spec.shares().get(i);
            String at = "microvm.shares.[" + i + "]";
            String what = "share \"" + s.tag() + "\"";
            switch (s.proto()) {
                case NINE_P -> {
                    uses.add(new Use(Feature.SHARE_9P, at, what));
                    if (s.readOnly()) uses.add(new Use(Feature.SHARE_9P_READ_ONLY, at + ".readOnly", what));
                }
                case VIRTIOFS -> uses.add(new Use(Feature.SHARE_VIRTIOFS, at, what));
            }
        }
        for (int i = 0; i < spec.interfaces().size(); i++) {
            NetInterface n = spec.interfaces().get(i);
            Feature f = switch (n.type()) {
                case USER -> Feature.INTERFACE_USER;
                case TAP -> Feature.INTERFACE_TAP;
                case MACVTAP -> Feature.INTERFACE_MACVTAP;
                case BRIDGE -> Feature.INTERFACE_BRIDGE;
            };
            uses.add(new Use(f, "microvm.interfaces.[" + i + "]", "interface \"" + n.id() + "\""));
        }
        for (int i = 0; i < spec.volumes().size(); i++) {
            Volume v = spec.volumes().get(i);
            String at = "microvm.volumes.[" + i + "]";
            String what = "volume \"" + v.image() + "\"";
            if (v.serial().isPresent()) uses.add(new Use(Feature.VOLUME_SERIAL, at + ".serial", what));
            if (v.direct()) uses.add(new Use(Feature.VOLUME_DIRECT, at + ".direct", what));
            if (v.imageType() != Volume.ImageType.RAW) {
                uses.add(new Use(Feature.VOLUME_IMAGE_FORMAT, at + ".imageType", what + " is " + v.imageType()));
            }
        }
        for (int i = 0; i < spec.devices().size(); i++) {
            Device d = spec.devices().get(i);
            Feature f = d.bus() == Device.Bus.PCI ? Feature.PCI_PASSTHROUGH : Feature.USB_PASSTHROUGH;
            uses.add(new Use(f, "microvm.devices.[" + i + "]", "device " + d.path()));
        }
        var r = spec.resources();
        if (spec.vsock().cid().isPresent()) {
            uses.add(new Use(Feature.VSOCK, "microvm.vsock.cid", "cid " + spec.vsock().cid().getAsInt()));
        }
        if (r.balloon()) uses.add(new Use(Feature.BALLOON, "microvm.balloon", "balloon = true"));
        if (r.initialBalloonMiB() != 0) {
            uses.add(new Use(Feature.INITIAL_BALLOON, "microvm.initialBalloonMem", r.initialBalloonMiB() + " MiB"));
        }
        if (r.hotplugMemMiB() != 0) uses.add(new Use(Feature.HOTPLUG_MEMORY, "microvm.hotplugMem", r.hotplugMemMiB() + " MiB"));
        if (r.hotpluggedMemMiB() != 0 && r.hotplugMemMiB() == 0) {
            uses.add(new Use(Feature.HOTPLUG_MEMORY, "microvm.hotpluggedMem", r.hotpluggedMemMiB() + " MiB"));
        }
        if (r.hugepageMem()) uses.add(new Use(Feature.HUGEPAGES, "microvm.hugepageMem", "hugepageMem = true"));
        if (!spec.credentialFiles().isEmpty()) {
            uses.add(new Use(Feature.CREDENTIAL_FILES, "microvm.credentialFiles",
                String.join(", ", spec.credentialFiles().keySet())));
        }
        spec.user().ifPresent(u -> uses.add(new Use(Feature.RUN_AS_USER, "microvm.user", "user \"" + u + "\"")));
        if (!spec.forwardPorts().isEmpty()) {
            uses.add(new Use(Feature.FORWARD_PORTS, "microvm.forwardPorts", spec.forwardPorts().size() + " entries"));
        }
        if (spec.graphics().enable()) uses.add(new Use(Feature.GRAPHICS, "microvm.graphics.enable", "graphics"));
        r.cpu().ifPresent(c -> uses.add(new Use(Feature.EMULATED_CPU, "microvm.cpu", "cpu \"" + c + "\"")));
        return uses;
    }

    static List<Diagnostic> check(MicroVmSpec spec, Hypervisor hypervisor, Map<Feature, Support> table) {
        var out = new ArrayList<Diagnostic>();
        for (Use use : uses(spec)) {
            Support s = table.get(use.feature());
            if (s == null) throw new IllegalStateException(hypervisor + " states no support for " + use.feature());
            String hint = s.note().isEmpty() ? null : s.note();
            switch (s.level()) {
                case YES -> { }
                case NO -> out.add(Diagnostic.error(use.option(),
                    hypervisor + " does not support " + use.feature().description() + " (" + use.detail() + ")", hint));
                case WARN -> out.add(Diagnostic.warning(use.option(),
                    hypervisor + " ignores " + use.feature().description() + " (" + use.detail() + ")", hint));
            }
        }
        return out;
    }
}
