package org.jmicrovm.build.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Absolute paths of the host programs generated scripts call, so they run without jmicrovm and without a
 * particular PATH (a systemd unit or a person can run them as they are).
 *
 * @param paths             where each tool is
 * @param virtiofsdFlavour  which virtiofsd {@link Tool#VIRTIOFSD} is; their command lines differ
 * @param qemuMajor         qemu's major version (options were renamed across versions)
 * @param qemuMinor         qemu's minor version
 */
public record HostTools(Map<Tool, String> paths, VirtiofsdFlavour virtiofsdFlavour, int qemuMajor, int qemuMinor) {

    /** The programs scripts may call, with their paths on Debian 12. */
    public enum Tool {
        QEMU_X86_64("/usr/bin/qemu-system-x86_64"),
        QEMU_AARCH64("/usr/bin/qemu-system-aarch64"),
        QEMU_BRIDGE_HELPER("/usr/lib/qemu/qemu-bridge-helper"),
        VIRTIOFSD("/usr/lib/qemu/virtiofsd"),
        CLOUD_HYPERVISOR("/usr/bin/cloud-hypervisor"),
        CH_REMOTE("/usr/bin/ch-remote"),
        FIRECRACKER("/usr/bin/firecracker"),
        CROSVM("/usr/bin/crosvm"),
        LKVM("/usr/bin/lkvm"),
        STRATOVIRT("/usr/bin/stratovirt"),
        UNBUFFER("/usr/bin/unbuffer"),
        ALIOTH("/usr/bin/alioth"),
        SOCAT("/usr/bin/socat"),
        CURL("/usr/bin/curl"),
        IP("/usr/sbin/ip"),
        BASH("/bin/bash"),
        CHATTR("/usr/bin/chattr"),
        CHOWN("/usr/bin/chown"),
        TRUNCATE("/usr/bin/truncate"),
        TOUCH("/usr/bin/touch"),
        RM("/usr/bin/rm"),
        MV("/usr/bin/mv"),
        LN("/usr/bin/ln"),
        CAT("/usr/bin/cat"),
        MKDIR("/usr/bin/mkdir"),
        MKFIFO("/usr/bin/mkfifo"),
        SLEEP("/usr/bin/sleep"),
        SED("/usr/bin/sed"),
        NPROC("/usr/bin/nproc"),
        GETENT("/usr/bin/getent"),
        MODPROBE("/usr/sbin/modprobe"),
        READLINK("/usr/bin/readlink"),
        UNSHARE("/usr/bin/unshare"),
        MOUNT("/usr/bin/mount"),
        /** Directory of the {@code mkfs.<type>} programs. */
        MKFS_DIR("/usr/sbin");

        private final String debianPath;

        Tool(String debianPath) {
            this.debianPath = debianPath;
        }

        public String debianPath() {
            return debianPath;
        }
    }

    /** The C virtiofsd shipped with qemu 7 (Debian 12), or the Rust one (other distributions, later Debian). */
    public enum VirtiofsdFlavour { C_QEMU, RUST }

    public HostTools {
        Objects.requireNonNull(virtiofsdFlavour);
        var copy = new EnumMap<Tool, String>(Tool.class);
        for (Tool t : Tool.values()) copy.put(t, t.debianPath());
        copy.putAll(paths);
        copy.values().forEach(p -> {
            if (!p.startsWith("/")) throw new IllegalArgumentException("tool paths must be absolute: " + p);
        });
        paths = java.util.Collections.unmodifiableMap(copy);
    }

    /** Debian 12 (bookworm): qemu 7.2 with its C virtiofsd. The paths golden files are written with. */
    public static HostTools debian12() {
        return new HostTools(Map.of(), VirtiofsdFlavour.C_QEMU, 7, 2);
    }

    /**
     * This host: each tool at its Debian path if there, else the first match on {@code PATH}, else the
     * Debian path (the script then fails with "not found", naming it).
     */
    public static HostTools detect(Map<String, String> environment) {
        var found = new EnumMap<Tool, String>(Tool.class);
        String[] dirs = environment.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":");
        for (Tool t : Tool.values()) {
            if (t == Tool.MKFS_DIR || Files.isExecutable(Path.of(t.debianPath()))) continue;
            String name = Path.of(t.debianPath()).getFileName().toString();
            for (String dir : dirs) {
                if (dir.isEmpty() || !dir.startsWith("/")) continue;
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    found.put(t, candidate.toString());
                    break;
                }
            }
        }
        String virtiofsd = found.getOrDefault(Tool.VIRTIOFSD, Tool.VIRTIOFSD.debianPath());
        // The C daemon lives in qemu's libexec directory; a virtiofsd found elsewhere is the Rust one.
        VirtiofsdFlavour flavour = virtiofsd.startsWith("/usr/lib/qemu/") || virtiofsd.startsWith("/usr/libexec/qemu")
            ? VirtiofsdFlavour.C_QEMU : VirtiofsdFlavour.RUST;
        return new HostTools(found, flavour, 7, 2);
    }

    public HostTools withQemuVersion(int major, int minor) {
        return new HostTools(paths, virtiofsdFlavour, major, minor);
    }

    public HostTools with(Tool tool, String path, VirtiofsdFlavour flavour) {
        var copy = new EnumMap<Tool, String>(paths);
        copy.put(tool, path);
        return new HostTools(copy, flavour, qemuMajor, qemuMinor);
    }

    public String path(Tool tool) {
        return paths.get(tool);
    }

    /** {@code mkfs.<fsType>}. */
    public String mkfs(String fsType) {
        return path(Tool.MKFS_DIR) + "/mkfs." + fsType;
    }

    boolean qemuAtLeast(int major, int minor) {
        return qemuMajor > major || (qemuMajor == major && qemuMinor >= minor);
    }
}
