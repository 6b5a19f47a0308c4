package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * The guest module's assertions and warnings that do not depend on the hypervisor (reference §2.10, §2.3,
 * §2.4), plus a few jmicrovm adds where microvm.nix would only fail at run time (malformed MAC addresses,
 * reserved vsock CIDs, volumes without a size).
 */
final class GuestAssertions {
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    /** File systems {@code microvm-run} knows how to create, and the flag each mkfs takes for a label. */
    static final Map<String, String> MKFS_LABEL_FLAG = Map.of(
        "ext2", "-L", "ext3", "-L", "ext4", "-L", "xfs", "-L", "btrfs", "-L", "vfat", "-n");

    private GuestAssertions() {}

    static List<Diagnostic> check(MicroVmSpec spec) {
        var out = new ArrayList<Diagnostic>();
        duplicates(out, "microvm.volumes", "volume image", spec.volumes().stream().map(Volume::image));
        duplicates(out, "microvm.interfaces", "interface id", spec.interfaces().stream().map(NetInterface::id));
        duplicates(out, "microvm.shares", "share tag", spec.shares().stream().map(Share::tag));
        duplicates(out, "microvm.shares", "virtiofs socket", spec.shares().stream()
            .filter(s -> s.proto() == Share.Proto.VIRTIOFS).flatMap(s -> s.socket().stream()));

        for (int i = 0; i < spec.shares().size(); i++) {
            Share s = spec.shares().get(i);
            String at = "microvm.shares.[" + i + "]";
            if (s.proto() == Share.Proto.VIRTIOFS && s.socket().isEmpty()) {
                out.add(Diagnostic.error(at + ".socket", "virtiofs share \"" + s.tag() + "\" has no socket",
                    "set socket, e.g. \"" + spec.hostName() + "-virtiofs-" + s.tag() + ".sock\""));
            }
            if (s.proto() == Share.Proto.VIRTIOFS && s.posixAcl()) {
                boolean translates = Stream.concat(spec.virtiofsd().extraArgs().stream(), s.extraArgs().stream())
                    .anyMatch(a -> a.startsWith("--translate-uid") || a.startsWith("--translate-gid"));
                if (translates) {
                    out.add(Diagnostic.error(at + ".posixAcl", "posixAcl cannot be combined with "
                        + "--translate-uid/--translate-gid in virtiofsd's extra arguments", "set posixAcl = false"));
                }
            }
            if (!s.mountPoint().startsWith("/")) {
                out.add(Diagnostic.error(at + ".mountPoint", "mount point \"" + s.mountPoint() + "\" is not absolute", null));
            }
        }

        for (int i = 0; i < spec.interfaces().size(); i++) {
            NetInterface n = spec.interfaces().get(i);
            String at = "microvm.interfaces.[" + i + "]";
            if (n.id().length() > 15) {
                out.add(Diagnostic.error(at + ".id", "interface id \"" + n.id() + "\" is longer than 15 characters",
                    "Linux interface names have at most 15 characters"));
            }
            if (!n.id().matches("[A-Za-z0-9_.-]+")) {
                out.add(Diagnostic.error(at + ".id", "interface id \"" + n.id()
                    + "\" may only contain letters, digits, '_', '.' and '-'", null));
            }
            if ((n.type() == NetInterface.Type.BRIDGE) != n.bridge().isPresent()) {
                out.add(Diagnostic.error(at + ".bridge", n.type() == NetInterface.Type.BRIDGE
                    ? "interface \"" + n.id() + "\" is of type bridge but sets no bridge"
                    : "interface \"" + n.id() + "\" sets bridge but is of type " + n.type(), null));
            }
            if (n.type() == NetInterface.Type.MACVTAP && n.macvtap().isEmpty()) {
                out.add(Diagnostic.error(at + ".macvtap", "macvtap interface \"" + n.id()
                    + "\" needs macvtap.link and macvtap.mode", null));
            }
            if (!MAC.matcher(n.mac()).matches()) {
                out.add(Diagnostic.error(at + ".mac", "\"" + n.mac() + "\" is not a MAC address",
                    "write six hex pairs separated by ':', e.g. 02:00:00:00:00:01"));
            }
        }

        for (int i = 0; i < spec.volumes().size(); i++) {
            Volume v = spec.volumes().get(i);
            String at = "microvm.volumes.[" + i + "]";
            if (v.autoCreate() && v.sizeMiB().isEmpty()) {
                out.add(Diagnostic.error(at + ".size", "volume \"" + v.image() + "\" is auto-created but has no size",
                    "set size (MiB) or autoCreate = false"));
            }
            if (v.autoCreate() && !MKFS_LABEL_FLAG.containsKey(v.fsType())) {
                out.add(Diagnostic.error(at + ".fsType", "do not know how to create a \"" + v.fsType()
                    + "\" file system for volume \"" + v.image() + "\"",
                    "use one of btrfs, ext2, ext3, ext4, vfat, xfs, or autoCreate = false"));
            }
            if (v.label().isPresent() && !v.autoCreate()) {
                out.add(Diagnostic.warning(at + ".label", "volume \"" + v.image()
                    + "\" is only labelled when auto-created; label it yourself or the guest will not find it", null));
            }
        }

        // Hypervisors take these paths inside comma-separated option lists (-drive file=…,if=none).
        for (int i = 0; i < spec.volumes().size(); i++) {
            noComma(out, "microvm.volumes.[" + i + "].image", spec.volumes().get(i).image());
        }
        for (int i = 0; i < spec.shares().size(); i++) {
            String at = "microvm.shares.[" + i + "]";
            Share s = spec.shares().get(i);
            noComma(out, at + ".source", s.source());
            s.socket().ifPresent(sock -> noComma(out, at + ".socket", sock));
        }
        spec.socket().ifPresent(sock -> noComma(out, "microvm.socket", sock));

        if (!spec.forwardPorts().isEmpty()
            && spec.interfaces().stream().noneMatch(n -> n.type() == NetInterface.Type.USER)) {
            out.add(Diagnostic.error("microvm.forwardPorts", "forwardPorts needs an interface of type \"user\"",
                "add { type = \"user\"; id = \"usernet\"; mac = \"…\"; } to microvm.interfaces"));
        }
        spec.vsock().cid().ifPresent(cid -> {
            if (cid < 3 || cid > 0xFFFFFFFEL) {
                out.add(Diagnostic.error("microvm.vsock.cid", "vsock CID " + cid + " is reserved",
                    "use a CID of 3 or more (0, 1 and 2 are reserved)"));
            }
        });
        if (spec.vsock().sshEnable() && spec.vsock().cid().isEmpty()) {
            out.add(Diagnostic.error("microvm.vsock.ssh.enable", "SSH over vsock needs microvm.vsock.cid", null));
        }
        if (spec.registerWithMachined()) {
            out.add(Diagnostic.error("microvm.registerWithMachined", "not supported by jmicrovm: registering VMs with "
                + "systemd-machined (bin/microvm-register)", "leave registerWithMachined = false"));
        }
        if (spec.resources().memMiB() < 32) {
            out.add(Diagnostic.warning("microvm.mem", spec.resources().memMiB()
                + " MiB is very little memory; the guest may not boot", "give it at least 32 MiB"));
        }
        if (spec.resources().hotpluggedMemMiB() > spec.resources().hotplugMemMiB()) {
            out.add(Diagnostic.error("microvm.hotpluggedMem", "hotpluggedMem (" + spec.resources().hotpluggedMemMiB()
                + " MiB) exceeds hotplugMem (" + spec.resources().hotplugMemMiB() + " MiB)", null));
        }
        if (spec.hypervisorOptions().cloudHypervisor().platformOemStrings().stream()
            .anyMatch(s -> s.contains("oem_strings"))) {
            out.add(Diagnostic.error("microvm.cloud-hypervisor.platformOEMStrings",
                "list the strings themselves, not an oem_strings=[…] option", null));
        }
        if (spec.hypervisor() != Hypervisor.FIRECRACKER && !spec.store().storeOnDisk() && !spec.sharesHostStore()
            && spec.store().writableStoreOverlay().isEmpty()) {
            out.add(Diagnostic.warning("microvm.storeOnDisk", "the guest gets no store: storeOnDisk is false and no "
                + "share has source = \"/nix/store\"", "share the host store or set storeOnDisk = true"));
        }
        return out;
    }

    private static void noComma(List<Diagnostic> out, String option, String path) {
        if (path.contains(",") || path.contains("\n")) {
            out.add(Diagnostic.error(option, "\"" + path + "\" contains a comma or a newline, which hypervisor "
                + "option lists cannot carry", "rename the file"));
        }
    }

    private static void duplicates(List<Diagnostic> out, String option, String what, Stream<String> values) {
        var seen = new LinkedHashMap<String, Integer>();
        values.forEach(v -> seen.merge(v, 1, Integer::sum));
        seen.forEach((v, n) -> {
            if (n > 1) out.add(Diagnostic.error(option, "duplicate " + what + " \"" + v + "\"", what + "s must be unique"));
        });
    }
}
