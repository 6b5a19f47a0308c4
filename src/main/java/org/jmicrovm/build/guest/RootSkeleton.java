package org.jmicrovm.build.guest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jmicrovm.build.GeneratedFiles;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.build.initrd.CpioWriter;
import org.jmicrovm.model.MicroVmSpec;

/**
 * The guest's tmpfs root as the guest system's {@code init} unpacks it: {@code /etc} from the
 * system's {@code etc/} (writable, {@code /etc/shadow} 0600), {@code /tmp}, {@code /run},
 * {@code /var}, {@code /run/current-system}, and the home directories that live on the root,
 * with their owners and modes — one cpio archive, {@value #FILE} in the system.
 *
 * <p>Why an archive: under TCG each command of the guest's boot costs ~10 ms of emulated fork and
 * page faults, and each file read through the store share a round trip to virtiofsd. Copying
 * {@code etc/} and then fixing modes, links and owners took eight commands; {@code cpio -i} of one
 * file takes one.
 */
final class RootSkeleton {
    /** The archive's name in the guest system. */
    static final String FILE = "root.cpio";

    private sealed interface Entry {}

    private record Dir(int mode, int uid, int gid) implements Entry {}

    private record File(byte[] content, int mode, int uid, int gid) implements Entry {}

    private record Link(String target) implements Entry {}

    private final Map<String, Entry> entries = new TreeMap<>();

    private RootSkeleton() {}

    /**
     * @param tree  the guest system's generated files: those under {@code etc/} become {@code /etc}
     * @param self  the guest system's store path
     * @param homes home directories to create on the root (see {@link #onRoot})
     */
    static RootSkeleton of(GeneratedFiles tree, String self, List<Users.Account> homes) {
        RootSkeleton s = new RootSkeleton();
        s.dir("bin", 0755);
        s.dir("etc", 0755);
        for (Map.Entry<String, GeneratedFiles.Node> e : tree.nodes().entrySet()) {
            if (!e.getKey().startsWith("etc/")) {
                continue;
            }
            switch (e.getValue()) {
                // writable by root, as /etc was after copying and `chmod -R u+w`: the guest may edit it
                case GeneratedFiles.File f -> s.put(e.getKey(),
                        new File(f.content().getBytes(StandardCharsets.UTF_8), f.mode() | 0200, 0, 0));
                case GeneratedFiles.Symlink l -> s.put(e.getKey(), new Link(l.target()));
            }
        }
        s.dir("tmp", 01777);
        s.dir("run", 0755);
        s.dir("run/jmicrovm", 0755);
        s.dir("run/jmicrovm/services", 0755);
        s.put("run/current-system", new Link(self));
        s.dir("var", 0755);
        s.put("var/run", new Link("/run"));
        s.dir("var/log", 0755);
        s.dir("var/empty", 0755);
        for (Users.Account a : homes) {
            String home = a.home().replaceAll("^/+", "");
            s.put(home, new Dir(0755, a.uid(), a.gid()));
            if (!a.authorizedKeys().isEmpty()) {
                s.put(home + "/.ssh", new Dir(0700, a.uid(), a.gid()));
                s.put(home + "/.ssh/authorized_keys", new File(
                        (String.join("\n", a.authorizedKeys()) + "\n").getBytes(StandardCharsets.UTF_8), 0644,
                        a.uid(), a.gid()));
            }
        }
        return s;
    }

    /**
     * Whether {@code path} is on the guest's tmpfs root, i.e. below none of the VM's mount points
     * (volumes, shares, the store): only such paths can come from the archive, which is unpacked
     * before anything else is mounted.
     */
    static boolean onRoot(String path, MicroVmSpec spec, StoreMount store) {
        List<String> mountPoints = new ArrayList<>();
        mountPoints.add(store.storeDir());
        spec.shares().forEach(s -> mountPoints.add(s.mountPoint()));
        spec.volumes().forEach(v -> v.mountPoint().ifPresent(mountPoints::add));
        spec.store().writableStoreOverlay().ifPresent(mountPoints::add);
        String p = path.replaceAll("/+$", "");
        return mountPoints.stream().map(m -> m.replaceAll("/+$", ""))
                .noneMatch(m -> m.isEmpty() || p.equals(m) || p.startsWith(m + "/"));
    }

    private void dir(String path, int mode) {
        put(path, new Dir(mode, 0, 0));
    }

    /** Adds an entry; its missing parents become root-owned 0755 directories. */
    private void put(String path, Entry entry) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            entries.putIfAbsent(path.substring(0, slash), new Dir(0755, 0, 0));
        }
        entries.put(path, entry);
    }

    /** Writes the archive; sorted paths put every directory before its contents. */
    void writeTo(Path target) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target));
             CpioWriter cpio = new CpioWriter(out)) {
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                switch (e.getValue()) {
                    case Dir d -> cpio.directory(e.getKey(), d.mode(), d.uid(), d.gid());
                    case File f -> cpio.file(e.getKey(), f.mode(), f.uid(), f.gid(), f.content());
                    case Link l -> cpio.symlink(e.getKey(), l.target());
                }
            }
        }
    }

    /** Path → "d MODE UID:GID", "f MODE UID:GID", or "l TARGET", for tests. */
    Map<String, String> listing() {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((path, entry) -> out.put(path, switch (entry) {
            case Dir d -> "d " + Integer.toOctalString(d.mode()) + " " + d.uid() + ":" + d.gid();
            case File f -> "f " + Integer.toOctalString(f.mode()) + " " + f.uid() + ":" + f.gid();
            case Link l -> "l " + l.target();
        }));
        return out;
    }
}
