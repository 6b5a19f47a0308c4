package org.jmicrovm.build.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.BuildException;
import org.jmicrovm.build.GeneratedFiles;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.build.pkgs.PackageRoot;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StoreHash;
import org.jmicrovm.store.StorePath;

/**
 * The guest system ("toplevel"): a store path with {@code init}, {@code activate},
 * {@code shutdown}, {@code etc/}, {@code services/<name>/{run,supervise}} and {@code root.cpio}
 * ({@link RootSkeleton}). {@code init} is started by the initrd as PID 1; it unpacks the skeleton
 * ({@code /etc} and the rest) into the tmpfs root, links busybox's applets into {@code /bin} and
 * becomes busybox {@code init}, whose inittab runs {@code activate} at boot and {@code shutdown} on
 * poweroff (ACPI power button through acpid, {@code poweroff}, or ctrl-alt-del).
 */
public final class GuestSystem {
    /** Printed on the console, followed by the host name, once the guest is up. */
    public static final String READY_MARKER = "MICROVM-READY";
    private static final String BUILDER = "jmicrovm-guest-system/2";

    private GuestSystem() {}

    public static StorePath build(Store store, MicroVmSpec spec, StorePath busybox, StoreMount mount) {
        return build(store, spec, busybox, mount, Optional.empty());
    }

    /**
     * @param packages the merged root tree of {@code environment.systemPackages} (and the services'
     *                 {@code path}), when the guest has Debian packages: its {@code /usr} becomes the
     *                 guest's, its {@code /etc} and {@code /var} the starting point of the guest's
     */
    public static StorePath build(Store store, MicroVmSpec spec, StorePath busybox, StoreMount mount,
                                  Optional<PackageRoot> packages) {
        String bb = busybox.resolve("bin/busybox").toString();
        BuildInputs.Builder inputs = BuildInputs.named("microvm-system-" + spec.hostName(), BUILDER).reference(busybox);
        packages.ifPresent(p -> inputs.reference(p.path()));
        // The output's own path is not known before hashing, so scripts find it relative to $0 ... except
        // that inittab needs absolute paths: the tree is hashed with a placeholder and written with the path.
        GeneratedFiles tree = tree(spec, bb, PLACEHOLDER, mount, packages);
        inputs.input("tree", tree.canonicalText());
        // Nix strings carry no context here: a package named only in a script or an /etc text is a
        // run-time reference found by its hash, as Nix scans build outputs (so store disks carry it)
        store.referencesIn(tree.canonicalText()).forEach(inputs::reference);
        BuildInputs in = inputs.build();
        String self = store.pathOf(in).toString();
        return store.build(in, out -> {
            GeneratedFiles files = tree(spec, bb, self, mount, packages);
            files.writeTo(out);
            // derived from the hashed tree and the path alone, so it needs no input of its own
            skeleton(spec, files, self, mount).writeTo(out.resolve(RootSkeleton.FILE));
        });
    }

    /** The root skeleton of a guest system whose generated files are {@code files}. */
    static RootSkeleton skeleton(MicroVmSpec spec, GeneratedFiles files, String self, StoreMount mount) {
        List<Users.Account> homes = Users.of(spec.guestOs().users()).accounts().stream()
                .filter(a -> a.createHome() || !a.authorizedKeys().isEmpty())
                .filter(a -> RootSkeleton.onRoot(a.home(), spec, mount))
                .toList();
        return RootSkeleton.of(files, self, homes);
    }

    /** PATH of services and logins: Debian's programs first when the guest has packages, busybox's applets after. */
    static String path(Optional<PackageRoot> packages) {
        return packages.isPresent() ? "/usr/sbin:/usr/bin:/bin" : "/bin";
    }

    /** Stands for the toplevel's own path in the hashed description of its files. */
    private static final String PLACEHOLDER = "/@toplevel@";

    static GeneratedFiles tree(MicroVmSpec spec, String bb, String self, StoreMount mount) {
        return tree(spec, bb, self, mount, Optional.empty());
    }

    static GeneratedFiles tree(MicroVmSpec spec, String bb, String self, StoreMount mount,
                               Optional<PackageRoot> packages) {
        GuestOs os = spec.guestOs();
        checkPackages(spec, packages);
        Users users = Users.of(os.users(), packages.map(PackageRoot::passwd).orElse(""),
                packages.map(PackageRoot::group).orElse(""));
        List<String> services = ServiceScripts.startOrder(spec.name(), os.services());
        GeneratedFiles f = new GeneratedFiles();
        f.script("init", init(bb, self, packages));
        f.script("activate", Activation.activate(bb, self, spec, mount, users, services,
                packages.map(p -> TmpFilesScript.render(p.tmpFiles())).orElse("")));
        f.script("shutdown", Activation.shutdown(bb, spec, mount));
        for (Map.Entry<String, GuestOs.Service> e : os.services().entrySet()) {
            String name = e.getKey();
            if (!name.matches("[A-Za-z0-9_.@-]+")) {
                throw new BuildException(spec.name(), "systemd.services." + name, "a service name may only contain"
                        + " letters, digits and _ . @ -");
            }
            f.script("services/" + name + "/run", ServiceScripts.run(bb, name, e.getValue(), path(packages),
                    !spec.credentialFiles().isEmpty()));
            f.script("services/" + name + "/supervise",
                    ServiceScripts.supervise(bb, name, e.getValue(), self + "/services/" + name + "/run"));
        }
        etc(f, spec, bb, self, users, packages);
        return f;
    }

    /** The Debian packages a guest asks for: {@code environment.systemPackages} and services' {@code path}, less busybox. */
    public static List<String> debianPackages(MicroVmSpec spec) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        spec.guestOs().packages().stream().filter(p -> !p.equals("busybox")).forEach(names::add);
        spec.guestOs().services().values().forEach(s -> s.path().stream().filter(p -> !p.equals("busybox"))
                .forEach(names::add));
        return List.copyOf(names);
    }

    /**
     * The texts of a guest's configuration that can name store paths: services' scripts and
     * environments, {@code environment.etc} texts and sources.
     */
    public static String configurationTexts(MicroVmSpec spec) {
        StringBuilder s = new StringBuilder();
        for (GuestOs.Service svc : spec.guestOs().services().values()) {
            s.append(svc.script()).append('\n');
            svc.environment().values().forEach(v -> s.append(v).append('\n'));
        }
        for (GuestOs.EtcFile f : spec.guestOs().etc().values()) {
            f.text().ifPresent(t -> s.append(t).append('\n'));
            f.source().ifPresent(t -> s.append(t).append('\n'));
        }
        return s.toString();
    }

    private static void checkPackages(MicroVmSpec spec, Optional<PackageRoot> packages) {
        List<String> unknown = new ArrayList<>(debianPackages(spec));
        packages.ifPresent(p -> unknown.removeAll(p.roots()));
        if (!unknown.isEmpty()) {
            throw new BuildException(spec.name(), "environment.systemPackages",
                    "not supported by jmicrovm: guest packages " + String.join(", ", unknown)
                            + " (no Debian package set was given to the build)");
        }
    }

    private static String init(String bb, String self, Optional<PackageRoot> packages) {
        StringBuilder pkgs = new StringBuilder();
        packages.ifPresent(p -> {
            // Debian's files live under /usr; /lib, /lib64, /sbin… are the tree's merged-/usr links.
            // /bin stays busybox's, so the guest's own scripts behave the same with or without packages.
            // Their /etc and /var come first: the system's own /etc, unpacked next, wins.
            String root = p.path().toString();
            pkgs.append("# Debian packages: ").append(String.join(" ", p.roots())).append('\n')
                    .append("mkdir -p /etc /var\n")
                    .append("ln -s ").append(root).append("/usr /usr\n")
                    .append("for d in ").append(root).append("/*; do\n")
                    .append("  n=${d##*/}\n")
                    .append("  [ -L \"$d\" ] && [ \"$n\" != bin ] && cp -a \"$d\" \"/$n\"\n")
                    .append("done\n")
                    .append("cp -a ").append(root).append("/etc/. /etc/\n")
                    .append("cp -a ").append(root).append("/var/. /var/\n")
                    .append("chmod -R u+w /etc /var\n");
        });
        // Every command here costs ~10 ms under TCG: the skeleton brings /etc, /tmp, /run, /var and the
        // homes in one, busybox links its applets in another. Applets run before /bin exists are found
        // by busybox's shell itself.
        return "#!" + bb + " sh\n"
                + "# jmicrovm guest init (PID 1): unpack the root skeleton, link /bin, then become busybox init\n"
                + "cd /\n"
                + (pkgs.isEmpty() ? "" : "export PATH=/bin\n" + pkgs)
                + bb + " cpio -i -d -u --quiet < " + self + "/" + RootSkeleton.FILE
                + " || echo \"jmicrovm init: cannot unpack " + self + "/" + RootSkeleton.FILE + "\" > /dev/console\n"
                + bb + " --install -s /bin\n"
                + "export PATH=/bin\n"
                + "exec /bin/init\n";
    }

    /** Generated /etc files the guest's init depends on; environment.etc may not replace them. */
    private static final java.util.Set<String> BOOT_CRITICAL_ETC =
            java.util.Set.of("inittab", "acpi/PWRF/00000080", "udhcpc.script");

    private static void etc(GeneratedFiles f, MicroVmSpec spec, String bb, String self, Users users,
                            Optional<PackageRoot> packages) {
        GuestOs os = spec.guestOs();
        f.text("etc/hostname", spec.hostName() + "\n");
        f.text("etc/machine-id", machineId(spec).replace("-", "") + "\n");
        f.text("etc/hosts", "127.0.0.1 localhost\n::1 localhost\n127.0.1.1 " + spec.hostName() + "\n");
        f.text("etc/passwd", PackageAccounts.merge(packages.map(PackageRoot::passwd).orElse(""), users.passwd()));
        f.text("etc/group", PackageAccounts.merge(packages.map(PackageRoot::group).orElse(""), users.group()));
        f.file("etc/shadow", PackageAccounts.shadow(packages.map(PackageRoot::passwd).orElse(""), users.shadow()),
                0600);
        f.text("etc/shells", "/bin/sh\n/bin/ash\n");
        StringBuilder resolv = new StringBuilder();
        os.network().nameservers().forEach(n -> resolv.append("nameserver ").append(n).append('\n'));
        f.text("etc/resolv.conf", resolv.toString());
        f.text("etc/profile", "export PATH=" + path(packages) + "\nexport PS1='\\u@\\h:\\w\\$ '\n");
        os.timeZone().ifPresent(tz -> f.text("etc/timezone", tz + "\n"));
        f.text("etc/inittab", "# busybox init: boot, shutdown, ctrl-alt-del\n"
                + "::sysinit:" + self + "/activate\n"
                + "::ctrlaltdel:/bin/poweroff\n"
                + "::shutdown:" + self + "/shutdown\n"
                // a login shell on the virtio console behind the runner's console.sock (microvm console); whoever
                // can open that socket already controls the VM, as with `virsh console` on an autologin tty
                + (org.jmicrovm.build.runner.Qemu.hasConsoleSocket(spec) ? "hvc0::respawn:-/bin/sh\n" : ""));
        // busybox acpid maps the power button (KEY_POWER) to the action PWRF/00000080
        f.script("etc/acpi/PWRF/00000080", "#!" + bb + " sh\n/bin/poweroff\n");
        f.script("etc/udhcpc.script", Activation.udhcpcScript(bb));
        for (Users.Account a : users.accounts()) {
            if (!a.authorizedKeys().isEmpty()) {
                f.text("etc/ssh/authorized_keys.d/" + a.name(), String.join("\n", a.authorizedKeys()) + "\n");
            }
        }
        for (Map.Entry<String, GuestOs.EtcFile> e : os.etc().entrySet()) {
            String target = e.getKey().replaceAll("^/+", "");
            if (target.isEmpty() || target.contains("..")) {
                throw new BuildException(spec.name(), "environment.etc." + e.getKey(), "not a path below /etc");
            }
            String path = "etc/" + target;
            if (f.contains(path)) {
                if (BOOT_CRITICAL_ETC.contains(target)) {
                    throw new BuildException(spec.name(), "environment.etc." + e.getKey(),
                            "not supported by jmicrovm: /etc/" + target + " is what the guest's init runs on");
                }
                // environment.etc wins over the generated defaults, as in NixOS (e.g. the schema's machine-id)
                f.remove(path);
            }
            GuestOs.EtcFile file = e.getValue();
            if (file.mode().equals("symlink")) {
                if (file.source().isPresent()) {
                    f.symlink(path, file.source().get());
                } else {
                    f.text("etc-static/" + target, file.text().orElseThrow());
                    f.symlink(path, self + "/etc-static/" + target);
                }
            } else {
                String content = file.text().orElseGet(() -> readSource(spec, e.getKey(), file.source().orElseThrow()));
                f.file(path, content, Integer.parseInt(file.mode(), 8));
            }
        }
    }

    private static String readSource(MicroVmSpec spec, String key, String source) {
        try {
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException(spec.name(), "environment.etc." + key + ".source",
                    "cannot read " + source + ": " + e.getMessage());
        }
    }

    /**
     * {@code microvm.machineId}, or microvm.nix's default: a UUID-shaped string from
     * {@code sha256("microvm.nix:<hostName>")}.
     */
    public static String machineId(MicroVmSpec spec) {
        return spec.machineId().orElseGet(() -> {
            String hex = StoreHash.sha256Hex(("microvm.nix:" + spec.hostName()).getBytes(StandardCharsets.UTF_8));
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20, 32);
        });
    }

}
