package org.jmicrovm.build.guest;

import static org.jmicrovm.build.ShellQuote.quote;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.build.initrd.StageOne;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * The guest system's boot-time script (busybox init's {@code sysinit}) and its {@code shutdown}
 * counterpart. Boot order: acpid, volumes, shares, writable store overlay, network, home directories,
 * services, then the ready marker once acpid listens — a power-button press before that is lost.
 * The directories it used to make and the home directories on the root come from
 * {@link RootSkeleton}; it runs as few commands as it can (each costs ~10 ms under TCG).
 */
final class Activation {
    private Activation() {}

    static String activate(String bb, String toplevel, MicroVmSpec spec, StoreMount store, Users users,
                           List<String> services) {
        return activate(bb, toplevel, spec, store, users, services, "");
    }

    /** @param tmpFiles the packages' tmpfiles.d lines as commands ({@link TmpFilesScript}), run before services */
    static String activate(String bb, String toplevel, MicroVmSpec spec, StoreMount store, Users users,
                           List<String> services, String tmpFiles) {
        StringBuilder s = new StringBuilder("#!" + bb + " sh\n");
        s.append("# jmicrovm guest activation for ").append(spec.hostName()).append('\n');
        s.append("""
                export PATH=/bin
                log() { echo "jmicrovm: $*" > /dev/console; }
                wait_for() {
                  i=0
                  while [ $i -lt 200 ]; do
                    case "$1" in
                      LABEL=*) dev=$(findfs "$1" 2>/dev/null) && { echo "$dev"; return 0; } ;;
                      *) [ -b "$1" ] && { echo "$1"; return 0; } ;;
                    esac
                    usleep 50000
                    i=$((i + 1))
                  done
                  return 1
                }
                # stage 1 mounts /dev/pts and /dev/shm; a VM booted with an initrd of its own may not
                [ -e /dev/pts/ptmx ] || {
                  mkdir -p /dev/pts /dev/shm
                  mount -t devpts devpts /dev/pts 2>/dev/null
                  mount -t tmpfs -o mode=1777 shm /dev/shm 2>/dev/null
                }
                read -r host < /etc/hostname
                echo "$host" > /proc/sys/kernel/hostname
                # first, so it is listening by the time the rest is done (see the wait before the marker)
                acpid -c /etc/acpi -l /var/log/acpid.log -p /run/acpid.pid
                ip link set lo up
                """);
        volumes(s, spec);
        shares(s, spec, store);
        overlay(s, spec, store);
        network(s, spec);
        for (Users.Account a : users.accounts()) {
            if (RootSkeleton.onRoot(a.home(), spec, store)) {
                continue; // the root skeleton has it
            }
            if (a.createHome() || !a.authorizedKeys().isEmpty()) {
                s.append("mkdir -p ").append(quote(a.home())).append(" && chown ").append(a.uid()).append(':')
                        .append(a.gid()).append(' ').append(quote(a.home())).append('\n');
            }
            if (!a.authorizedKeys().isEmpty()) {
                String ssh = a.home() + "/.ssh";
                s.append("mkdir -p ").append(quote(ssh)).append(" && cp /etc/ssh/authorized_keys.d/").append(a.name())
                        .append(' ').append(quote(ssh + "/authorized_keys")).append(" && chown -R ").append(a.uid())
                        .append(':').append(a.gid()).append(' ').append(quote(ssh)).append(" && chmod 700 ")
                        .append(quote(ssh)).append('\n');
            }
        }
        if (!tmpFiles.isEmpty()) {
            s.append("# packages' tmpfiles.d (systemd-tmpfiles --create --remove --boot)\n").append(tmpFiles);
        }
        credentials(s, spec);
        for (String name : services) {
            GuestOs.Service svc = spec.guestOs().services().get(name);
            String sup = toplevel + "/services/" + name + "/supervise";
            if (svc.type() == GuestOs.ServiceType.ONESHOT) {
                s.append("log ").append(quote("running " + name)).append('\n');
                s.append(quote(sup)).append(" || log ").append(quote("service " + name + " failed")).append('\n');
            } else {
                s.append(quote(sup)).append(" & echo $! > /run/jmicrovm/services/").append(name).append(".pid\n");
            }
        }
        // busybox acpid goes to the background before it opens the input devices and writes its pid file
        // after: a power-button press before then would be lost, so the marker waits for the file
        s.append("""
                i=0
                while [ ! -e /run/acpid.pid ] && [ $i -lt 200 ]; do
                  usleep 10000
                  i=$((i + 1))
                done
                [ -e /run/acpid.pid ] || log "acpid did not start: the power button will not shut the guest down"
                """);
        // the host name as set above: $(hostname) would cost a fork
        s.append("echo \"MICROVM-READY $host\" > /dev/console\n");
        if (org.jmicrovm.build.runner.Qemu.hasConsoleSocket(spec)) {
            // The interactive console's driver, kept by stage 1 (GuestFeatures.lateModules): loaded after the
            // marker because nothing at boot needs it. init starts the shell on hvc0 once this script ends, so
            // it waits for the port (added asynchronously); a custom initrd may not have kept the file.
            s.append("""
                    for m in %s/*.ko; do
                      [ -s "$m" ] && { insmod "$m" || log "cannot load $m: no interactive console"; }
                    done
                    i=0
                    while [ ! -e /dev/hvc0 ] && [ $i -lt 200 ]; do
                      usleep 10000
                      i=$((i + 1))
                    done
                    """.formatted(org.jmicrovm.build.initrd.StageOne.LATE_MODULES));
        }
        return s.toString();
    }

    /**
     * {@code microvm.credentialFiles}: qemu hands each file to the guest as the fw_cfg entry
     * {@code opt/io.systemd.credentials/<name>}, which a systemd guest reads as a system credential. Here
     * they are copied where systemd keeps those, {@code /run/credentials/@system/<name>} (root only, on the
     * RAM-backed /run: never on a disk), before any service starts.
     */
    private static void credentials(StringBuilder s, MicroVmSpec spec) {
        if (spec.credentialFiles().isEmpty()) {
            return;
        }
        String dir = ServiceScripts.CREDENTIALS;
        s.append("mkdir -p ").append(dir).append(" && chmod 0700 ").append(dir).append('\n');
        for (String name : spec.credentialFiles().keySet()) {
            String from = "/sys/firmware/qemu_fw_cfg/by_name/opt/io.systemd.credentials/" + name + "/raw";
            String to = dir + "/" + name;
            s.append("if [ -r ").append(quote(from)).append(" ]; then (umask 077; cat ").append(quote(from)).append(" > ")
                    .append(quote(to)).append("); else log ").append(quote("credential " + name
                            + " did not reach the guest (no fw_cfg entry)")).append("; fi\n");
        }
    }

    /** {@code /dev/vd<letter>} of the i-th volume: letters start at a, or at b after a store disk. */
    static String driveName(MicroVmSpec spec, int index) {
        int first = spec.store().storeOnDisk() ? 1 : 0;
        return "/dev/vd" + (char) ('a' + first + index);
    }

    private static void volumes(StringBuilder s, MicroVmSpec spec) {
        List<Volume> volumes = spec.volumes();
        for (int i = 0; i < volumes.size(); i++) {
            Volume v = volumes.get(i);
            if (v.mountPoint().isEmpty()) {
                continue;
            }
            String mp = v.mountPoint().get();
            String device = v.label().map(l -> "LABEL=" + l).orElse(driveName(spec, i));
            s.append("if dev=$(wait_for ").append(quote(device)).append("); then mkdir -p ").append(quote(mp))
                    .append(" && mount -t ").append(quote(v.fsType().toLowerCase(Locale.ROOT)))
                    .append(v.readOnly() ? " -o ro" : "").append(" \"$dev\" ").append(quote(mp))
                    .append(" || log ").append(quote("cannot mount volume " + v.image() + " at " + mp))
                    .append("; else log ").append(quote("volume " + v.image() + " (" + device + ") did not appear"))
                    .append("; fi\n");
        }
    }

    private static void shares(StringBuilder s, MicroVmSpec spec, StoreMount store) {
        for (Share sh : spec.shares()) {
            if (store instanceof StoreMount.FromShare fs && fs.share().tag().equals(sh.tag())) {
                continue; // stage 1 mounted it already
            }
            String mp = sh.mountPoint();
            String opts = switch (sh.proto()) {
                case NINE_P -> "-t 9p -o " + StageOne.NINE_P_OPTIONS + (sh.readOnly() ? ",ro" : "");
                case VIRTIOFS -> "-t virtiofs" + (sh.readOnly() ? " -o ro" : "");
            };
            s.append("mkdir -p ").append(quote(mp)).append(" && mount ").append(opts).append(' ')
                    .append(quote(sh.tag())).append(' ').append(quote(mp)).append(" || log ")
                    .append(quote("cannot mount share " + sh.tag() + " at " + mp)).append('\n');
        }
    }

    private static void overlay(StringBuilder s, MicroVmSpec spec, StoreMount store) {
        Optional<String> rw = spec.store().writableStoreOverlay();
        if (rw.isEmpty()) {
            return;
        }
        String upper = rw.get();
        String lower = switch (store) {
            case StoreMount.FromShare fs -> fs.share().mountPoint();
            case StoreMount.FromDisk fd -> fd.storeDir();
        };
        boolean onVirtiofs = spec.shares().stream()
                .anyMatch(sh -> sh.proto() == Share.Proto.VIRTIOFS && (upper + "/").startsWith(sh.mountPoint() + "/"));
        s.append("mkdir -p ").append(quote(upper + "/store")).append(' ').append(quote(upper + "/work")).append('\n');
        s.append("mount -t overlay overlay -o ").append(quote("lowerdir=" + lower + ",upperdir=" + upper
                        + "/store,workdir=" + upper + "/work" + (onVirtiofs ? ",userxattr" : "")))
                .append(' ').append(quote(store.storeDir())).append(" || log ")
                .append(quote("cannot mount the writable store overlay at " + upper)).append('\n');
    }

    private static void network(StringBuilder s, MicroVmSpec spec) {
        if (spec.interfaces().isEmpty()) {
            return;
        }
        s.append("""
                ifname_of() {
                  for d in /sys/class/net/*; do
                    [ "$(cat "$d/address")" = "$1" ] && { echo "${d##*/}"; return 0; }
                  done
                  return 1
                }
                """);
        GuestOs.Network net = spec.guestOs().network();
        for (NetInterface nic : spec.interfaces()) {
            String mac = nic.mac().toLowerCase(Locale.ROOT);
            Optional<GuestOs.GuestInterface> conf = net.interfaces().stream()
                    .filter(g -> g.mac().equalsIgnoreCase(mac)).findFirst();
            s.append("if ifc=$(ifname_of ").append(quote(mac)).append("); then\n");
            s.append("  ip link set \"$ifc\" up\n");
            boolean dhcp = conf.map(GuestOs.GuestInterface::dhcp).orElse(true)
                    && conf.map(c -> c.addresses().isEmpty() || c.dhcp()).orElse(true);
            for (GuestOs.IpAddress a : conf.map(GuestOs.GuestInterface::addresses).orElse(List.of())) {
                s.append("  ip addr add ").append(quote(a.toString())).append(" dev \"$ifc\"\n");
            }
            if (dhcp) {
                // user networking answers at once; elsewhere a DHCP server may come late or never, so boot
                // goes on while udhcpc keeps asking in the background
                String wait = nic.type() == NetInterface.Type.USER ? "-t 5 -T 1 -b" : "-t 3 -T 2 -b";
                // the host name goes with the request: a DHCP server that also answers DNS (dnsmasq on a
                // host bridge) makes the VM reachable by it
                s.append("  udhcpc -i \"$ifc\" -s /etc/udhcpc.script -p /run/udhcpc.\"$ifc\".pid")
                        .append(" -x hostname:\"$host\" ").append(wait)
                        .append(nic.type() == NetInterface.Type.USER ? "" : " &").append(" >/dev/null 2>&1\n");
            }
            s.append("else\n  log ").append(quote("no network card with MAC " + mac)).append("\nfi\n");
        }
        net.defaultGateway().ifPresent(gw ->
                s.append("ip route add default via ").append(quote(gw)).append(" || log ")
                        .append(quote("cannot add the default route via " + gw)).append('\n'));
    }

    static String shutdown(String bb, MicroVmSpec spec, StoreMount store) {
        StringBuilder s = new StringBuilder("#!" + bb + " sh\n");
        s.append("# jmicrovm guest shutdown: stop services, unmount, power off\n");
        s.append("""
                export PATH=/bin
                echo "jmicrovm: shutting down" > /dev/console
                for f in /run/jmicrovm/services/*.pid; do
                  [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
                done
                i=0
                while [ $i -lt 30 ] && [ -n "$(ls /run/jmicrovm/services/ 2>/dev/null)" ]; do
                  alive=
                  for f in /run/jmicrovm/services/*.pid; do
                    [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1
                  done
                  [ -z "$alive" ] && break
                  usleep 100000
                  i=$((i + 1))
                done
                [ -f /run/acpid.pid ] && kill "$(cat /run/acpid.pid)" 2>/dev/null
                sync
                """);
        List<String> mounts = new java.util.ArrayList<>();
        spec.volumes().forEach(v -> v.mountPoint().ifPresent(mounts::add));
        for (Share sh : spec.shares()) {
            if (!(store instanceof StoreMount.FromShare fs && fs.share().tag().equals(sh.tag()))) {
                mounts.add(sh.mountPoint());
            }
        }
        if (spec.store().writableStoreOverlay().isPresent()) {
            mounts.add(store.storeDir());
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            String mp = quote(mounts.get(i));
            s.append("umount ").append(mp).append(" 2>/dev/null || mount -o remount,ro ").append(mp)
                    .append(" 2>/dev/null\n");
        }
        s.append("sync\npoweroff -f\n");
        return s.toString();
    }

    static String udhcpcScript(String bb) {
        return "#!" + bb + " sh\n"
                + "# udhcpc event handler: configure the address, routers and DNS it was given\n"
                + "export PATH=/bin\n"
                + """
                case "$1" in
                  deconfig)
                    ip addr flush dev "$interface"
                    ip link set "$interface" up
                    ;;
                  bound|renew)
                    ip addr flush dev "$interface"
                    ip addr add "$ip/${mask:-24}" dev "$interface"
                    if [ -n "$router" ]; then
                      ip route del default dev "$interface" 2>/dev/null
                      for r in $router; do ip route add default via "$r" dev "$interface"; break; done
                    fi
                    if [ -n "$dns" ]; then
                      : > /etc/resolv.conf
                      for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done
                    fi
                    ;;
                esac
                exit 0
                """;
    }

}
