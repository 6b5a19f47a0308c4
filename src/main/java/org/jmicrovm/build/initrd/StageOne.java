package org.jmicrovm.build.initrd;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.build.ShellQuote;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.Share;

/**
 * The initrd's {@code /init} and the fstabs it mounts from: loads the modules, makes a tmpfs root,
 * mounts the store where the host has it, and switches to the guest system's init given as
 * {@code init=} on the kernel command line. The new root is handed over with {@code /proc},
 * {@code /sys}, {@code /dev}, {@code /dev/pts} and {@code /dev/shm} mounted.
 *
 * <p>Under TCG every command the script runs costs ~10 ms of emulated fork, exec and page faults, so
 * the script runs as few as it can: one {@code mount -a} per fstab, one {@code modprobe -a} for all
 * modules, shell built-ins for the rest.
 *
 * <p>The guest system's scripts run the store's busybox, the same file as the initrd's {@code
 * /bin/busybox} (the initrd copies it from that store path). Read from the store, its pages would
 * come through the share again and TCG would translate its code again (translations belong to
 * guest pages): ~150 ms. So stage 1 binds the initrd's copy over the store's, and the guest runs the
 * pages stage 1 already ran. The initrd's copy is first bound onto itself, which makes it a mount
 * point that {@code switch_root}'s clean-up of the initramfs cannot unlink: an unlinked file would
 * show up in {@code /proc/self/exe} as "… (deleted)", and busybox's {@code --install} links to that.
 */
public final class StageOne {
    /** 9p mount options, as microvm.nix's mounts.nix gives them (minus systemd's ordering hint). */
    public static final String NINE_P_OPTIONS = "trans=virtio,version=9p2000.L,msize=65536";

    /** Where the guest system finds the late modules (see {@code GuestFeatures.lateModules}), one file per name. */
    public static final String LATE_MODULES = "/run/jmicrovm/modules";

    /** Mounted first: what the script needs itself, and the tmpfs that becomes the root. */
    public static final String EARLY_FSTAB = "etc/fstab";
    /** Mounted last: the store (from a share), the busybox binds, and the kernel's file systems moved into the new root. */
    public static final String SYSROOT_FSTAB = "etc/fstab.sysroot";

    /**
     * Applets the script calls. Linked in the initrd's {@code /bin}: busybox's shell runs an applet
     * that is not built into it by exec'ing {@code /proc/self/exe}, which does not exist before
     * {@code /proc} is mounted.
     */
    public static final List<String> APPLETS = List.of("mount", "modprobe", "mkdir", "switch_root", "poweroff",
            "sleep", "usleep", "findfs", "dd", "tr");

    private StageOne() {}

    /** The modules to load: one line of module names, dependencies first, for {@code modprobe -a}. */
    public static final String MODULES = "etc/modules";

    /** @param store how the store is reached */
    public static String script(StoreMount store) {
        return script(store, List.of());
    }

    /** The script, also preparing the mount points of the late modules' files (see {@link #sysrootFstab}). */
    public static String script(StoreMount store, List<String> lateModules) {
        StringBuilder s = new StringBuilder();
        s.append("""
                #!/bin/busybox sh
                # jmicrovm stage 1: modules, tmpfs root, store, then the guest system's init.
                export PATH=/bin
                fail() {
                  echo "jmicrovm stage 1: $*" > /dev/console
                  echo "jmicrovm stage 1: cannot continue; powering off" > /dev/console
                  sleep 1
                  poweroff -f
                }
                # erofs_label NAME: the virtio disk whose erofs superblock carries that volume name
                # (busybox's findfs does not know erofs)
                erofs_label() {
                  for d in /dev/vd*; do
                    [ -b "$d" ] || continue
                    [ "$(dd if="$d" bs=1 skip=1088 count=16 2>/dev/null | tr -d '\\000')" = "$1" ] && { echo "$d"; return 0; }
                  done
                  return 1
                }
                # wait_for DEVICE-OR-LABEL: block devices and labels appear shortly after their driver loads
                wait_for() {
                  i=0
                  while [ $i -lt 100 ]; do
                    case "$1" in
                      LABEL=*) dev=$(findfs "$1" 2>/dev/null || erofs_label "${1#LABEL=}") && { echo "$dev"; return 0; } ;;
                      *) [ -b "$1" ] && { echo "$1"; return 0; } ;;
                    esac
                    usleep 50000
                    i=$((i + 1))
                  done
                  return 1
                }
                mount -a -T /etc/fstab || fail "cannot mount /proc, /dev or the tmpfs root"
                """);
        s.append("""
                modules=
                read -r modules < /etc/modules
                [ -z "$modules" ] || modprobe -a $modules || echo "jmicrovm stage 1: loading a module failed" > /dev/console
                read -r cmdline < /proc/cmdline
                init=
                for arg in $cmdline; do
                  case "$arg" in init=*) init="${arg#init=}" ;; esac
                done
                [ -n "$init" ] || fail "no init= on the kernel command line"
                """);
        String storeDir = store.storeDir();
        List<String> dirs = new ArrayList<>(List.of("/sysroot" + storeDir, "/sysroot/proc", "/sysroot/sys",
                "/sysroot/dev", "/dev/pts", "/dev/shm"));
        if (store instanceof StoreMount.FromShare fs) {
            dirs.add("/sysroot" + fs.share().mountPoint());
        }
        if (!lateModules.isEmpty()) {
            dirs.add("/sysroot" + LATE_MODULES);
        }
        s.append("mkdir -p ").append(String.join(" ", dirs.stream().map(ShellQuote::quote).toList())).append('\n');
        for (String m : lateModules) {
            // a file bind needs a file to mount on; a redirection is a shell built-in, not a command
            s.append(": > ").append(ShellQuote.quote("/sysroot" + LATE_MODULES + "/" + m + ".ko")).append('\n');
        }
        if (store instanceof StoreMount.FromDisk fd) {
            String target = ShellQuote.quote("/sysroot" + storeDir);
            String type = fd.type().nixName();
            if (fd.type() == GuestStore.StoreDiskType.EROFS) {
                // The runners attach the store disk first, so /dev/vda is tried before the label is looked
                // for: finding it costs several commands (busybox's findfs does not know erofs). A disk that
                // does not mount, or lacks the system, is put back and the label decides.
                s.append("if ! { wait_for /dev/vda >/dev/null && mount -t ").append(type).append(" -o ro /dev/vda ")
                        .append(target).append(" 2>/dev/null && [ -x \"/sysroot$init\" ]; }; then\n");
                s.append("  umount ").append(target).append(" 2>/dev/null\n");
                String device = "LABEL=" + StoreMount.FromDisk.LABEL;
                s.append("  dev=$(wait_for ").append(ShellQuote.quote(device)).append(") || fail ")
                        .append(ShellQuote.quote("store disk " + device + " did not appear")).append('\n');
                s.append("  mount -t ").append(type).append(" -o ro \"$dev\" ").append(target)
                        .append(" || fail \"cannot mount the store disk $dev\"\n");
                s.append("fi\n");
            } else {
                s.append("wait_for /dev/vda >/dev/null || fail ")
                        .append(ShellQuote.quote("store disk /dev/vda did not appear")).append('\n');
                s.append("mount -t ").append(type).append(" -o ro /dev/vda ").append(target)
                        .append(" || fail \"cannot mount the store disk /dev/vda\"\n");
            }
        }
        String what = store instanceof StoreMount.FromShare fs
                ? "cannot mount the store share " + fs.share().tag() + " or prepare /sysroot (see the error above)"
                : "cannot prepare /sysroot (see the error above)";
        s.append("mount -a -T /etc/fstab.sysroot || fail ").append(ShellQuote.quote(what)).append('\n');
        s.append("""
                [ -x "/sysroot$init" ] || fail "$init is not in the store"
                exec switch_root /sysroot "$init"
                """);
        return s.toString();
    }

    /** {@link #EARLY_FSTAB}: /proc for the command line, /dev for the disks and the console, the new root. */
    public static String earlyFstab() {
        return """
                proc /proc proc defaults 0 0
                devtmpfs /dev devtmpfs defaults 0 0
                root /sysroot tmpfs size=50%,mode=0755 0 0
                """;
    }

    /**
     * {@link #SYSROOT_FSTAB}, mounted in order: the store share read-only and bound over the store
     * directory, busybox (see the class comment), sysfs, /proc and /dev moved into the new root, and
     * the pseudo-terminals and shared memory the guest's programs expect. Paths with blanks are
     * written with fstab's octal escape.
     */
    public static String sysrootFstab(StoreMount store, String busybox) {
        return sysrootFstab(store, busybox, "", List.of());
    }

    /**
     * The same, plus each late module's file of the initrd bound onto itself (so that {@code switch_root}'s
     * clean-up cannot unlink it, as with busybox) and onto {@link #LATE_MODULES}{@code /<name>.ko} in the new root.
     */
    public static String sysrootFstab(StoreMount store, String busybox, String release, List<String> lateModules) {
        StringBuilder t = new StringBuilder();
        String storeDir = store.storeDir();
        if (store instanceof StoreMount.FromShare fs) {
            Share share = fs.share();
            String mp = "/sysroot" + share.mountPoint();
            String options = switch (share.proto()) {
                case NINE_P -> NINE_P_OPTIONS + ",ro";
                case VIRTIOFS -> "ro";
            };
            String type = switch (share.proto()) {
                case NINE_P -> "9p";
                case VIRTIOFS -> "virtiofs";
            };
            line(t, share.tag(), mp, type, options);
            if (!share.mountPoint().equals(storeDir)) {
                line(t, mp, "/sysroot" + storeDir, "none", "bind,ro");
            }
        }
        line(t, "/bin/busybox", "/bin/busybox", "none", "bind");
        line(t, "/bin/busybox", "/sysroot" + busybox, "none", "bind");
        for (String m : lateModules) {
            String file = "/lib/modules/" + release + "/" + m + ".ko";
            line(t, file, file, "none", "bind");
            line(t, file, "/sysroot" + LATE_MODULES + "/" + m + ".ko", "none", "bind");
        }
        line(t, "sysfs", "/sysroot/sys", "sysfs", "defaults");
        line(t, "/proc", "/sysroot/proc", "none", "move");
        line(t, "/dev", "/sysroot/dev", "none", "move");
        line(t, "devpts", "/sysroot/dev/pts", "devpts", "defaults");
        line(t, "shm", "/sysroot/dev/shm", "tmpfs", "mode=1777");
        return t.toString();
    }

    private static void line(StringBuilder t, String what, String where, String type, String options) {
        t.append(escape(what)).append(' ').append(escape(where)).append(' ').append(type).append(' ')
                .append(options).append(" 0 0\n");
    }

    /** fstab fields cannot hold blanks; getmntent reads {@code \040} and {@code \011} back. */
    private static String escape(String field) {
        return field.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }
}
