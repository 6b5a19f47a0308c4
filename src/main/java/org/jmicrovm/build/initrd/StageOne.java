package org.jmicrovm.build.initrd;

import org.jmicrovm.build.ShellQuote;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.Share;

/**
 * The initrd's {@code /init}: loads the modules in order, makes a tmpfs root, mounts the store
 * where the host has it, and switches to the guest system's init given as {@code init=} on the
 * kernel command line.
 */
public final class StageOne {
    /** 9p mount options, as microvm.nix's mounts.nix gives them (minus systemd's ordering hint). */
    public static final String NINE_P_OPTIONS = "trans=virtio,version=9p2000.L,msize=65536";

    private StageOne() {}

    public static String script(StoreMount store) {
        StringBuilder s = new StringBuilder();
        s.append("""
                #!/bin/busybox sh
                # jmicrovm stage 1: modules, tmpfs root, store, then the guest system's init.
                /bin/busybox mkdir -p /proc /sys /dev /sysroot /tmp
                /bin/busybox --install -s /bin
                export PATH=/bin
                mount -t proc proc /proc
                mount -t sysfs sysfs /sys
                mount -t devtmpfs devtmpfs /dev
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
                while read -r m; do
                  [ -n "$m" ] && { insmod "/lib/modules/$m" || echo "jmicrovm stage 1: loading $m failed" > /dev/console; }
                done < /lib/modules/load-order
                init=
                for arg in $(cat /proc/cmdline); do
                  case "$arg" in init=*) init="${arg#init=}" ;; esac
                done
                [ -n "$init" ] || fail "no init= on the kernel command line"
                mount -t tmpfs -o size=50%,mode=0755 root /sysroot || fail "cannot mount the tmpfs root"
                """);
        String storeDir = store.storeDir();
        String target = "/sysroot" + storeDir;
        s.append("mkdir -p ").append(ShellQuote.quote(target)).append('\n');
        switch (store) {
            case StoreMount.FromShare fs -> {
                Share share = fs.share();
                String mp = "/sysroot" + share.mountPoint();
                s.append("mkdir -p ").append(ShellQuote.quote(mp)).append('\n');
                String mount = switch (share.proto()) {
                    case NINE_P -> "mount -t 9p -o " + NINE_P_OPTIONS + ",ro ";
                    case VIRTIOFS -> "mount -t virtiofs -o ro ";
                };
                s.append(mount).append(ShellQuote.quote(share.tag())).append(' ').append(ShellQuote.quote(mp))
                        .append(" || fail ").append(ShellQuote.quote("cannot mount the store share " + share.tag()))
                        .append('\n');
                if (!share.mountPoint().equals(storeDir)) {
                    s.append("mount -o bind ").append(ShellQuote.quote(mp)).append(' ').append(ShellQuote.quote(target))
                            .append(" && mount -o remount,bind,ro ").append(ShellQuote.quote(target))
                            .append(" || fail ").append(ShellQuote.quote("cannot bind the store to " + storeDir))
                            .append('\n');
                }
            }
            case StoreMount.FromDisk fd -> {
                String device = fd.type() == GuestStore.StoreDiskType.EROFS
                        ? "LABEL=" + StoreMount.FromDisk.LABEL : "/dev/vda";
                s.append("dev=$(wait_for ").append(ShellQuote.quote(device)).append(") || fail ")
                        .append(ShellQuote.quote("store disk " + device + " did not appear")).append('\n');
                s.append("mount -t ").append(fd.type().nixName()).append(" -o ro \"$dev\" ")
                        .append(ShellQuote.quote(target)).append(" || fail \"cannot mount the store disk $dev\"\n");
            }
        }
        s.append("""
                [ -x "/sysroot$init" ] || fail "$init is not in the store"
                mkdir -p /sysroot/proc /sysroot/sys /sysroot/dev
                mount --move /proc /sysroot/proc
                mount --move /sys /sysroot/sys
                mount --move /dev /sysroot/dev
                exec switch_root /sysroot "$init"
                """);
        return s.toString();
    }
}
