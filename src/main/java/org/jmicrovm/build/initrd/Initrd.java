package org.jmicrovm.build.initrd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.build.pkgs.Kernel;
import org.jmicrovm.build.pkgs.ModulesDep;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * Builds the initrd: a gzip-compressed newc cpio with busybox, the modules the VM needs (with
 * their dependencies, in {@code lib/modules/<release>/} with a {@code modules.dep} for busybox's
 * modprobe; without their signatures unless the VM enforces them, see {@link ModuleSignature}), and
 * {@link StageOne}'s {@code /init} and fstabs. The store path holds one file, {@code initrd}.
 */
public final class Initrd {
    private static final String BUILDER = "jmicrovm-initrd/2";

    private Initrd() {}

    /**
     * @param lateModules   modules stage 1 does not load but keeps for the guest system, at
     *                      {@link StageOne#LATE_MODULES}{@code /<name>.ko} (their dependencies must be among
     *                      {@code wantedModules})
     * @param signedModules keep the modules' signatures (see {@link ModuleSignature}): for a kernel command
     *                      line that enforces them
     */
    public static StorePath build(Store store, Kernel kernel, StorePath busybox, List<String> wantedModules,
                                  List<String> lateModules, StoreMount mount, boolean signedModules) {
        String bb = busybox.resolve("bin/busybox").toString();
        String init = StageOne.script(mount, lateModules);
        String sysroot = StageOne.sysrootFstab(mount, bb, kernel.release(), lateModules);
        // The modules the kernel resolves them to follow from the kernel (an input) and the wanted names, so
        // the resolution, which reads the kernel's whole modules.dep, is left to an actual build: an unchanged
        // VM's rebuild only hashes these inputs.
        BuildInputs inputs = BuildInputs.named("initrd-linux-" + kernel.release(), BUILDER)
                .buildInput(kernel.path())
                .buildInput(busybox)
                .input("wanted-modules", String.join("\n", wantedModules))
                .input("late-modules", String.join("\n", lateModules))
                .input("module-signatures", signedModules ? "kept" : "stripped")
                .input("init", init)
                .input("fstab", StageOne.earlyFstab())
                .input("fstab.sysroot", sysroot)
                .build();
        return store.build(inputs, out -> {
            ModulesDep dep = kernel.modules();
            List<String> modules = dep.resolve(wantedModules, kernel.release());
            List<String> late = new java.util.ArrayList<>();
            for (String rel : dep.resolve(lateModules, kernel.release())) {
                if (modules.contains(rel)) {
                    continue;
                }
                if (!lateModules.contains(ModulesDep.moduleName(rel))) {
                    throw new IOException("late module dependency " + rel + " is not loaded by stage 1 (wanted: "
                            + wantedModules + ")");
                }
                late.add(rel);
            }
            write(out.resolve("initrd"), kernel, busybox.resolve("bin/busybox"), modules, late,
                    modulesDep(dep, modules), init, sysroot, signedModules);
        });
    }

    public static Path file(StorePath initrd) {
        return initrd.resolve("initrd");
    }

    /** modules.dep for the initrd's flat module directory: each module file with the files it depends on. */
    private static String modulesDep(ModulesDep dep, List<String> modules) {
        StringBuilder text = new StringBuilder();
        for (String rel : modules) {
            text.append(base(rel)).append(':');
            for (String d : dep.dependencies(rel)) {
                text.append(' ').append(base(d));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String base(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    private static void write(Path target, Kernel kernel, Path busybox, List<String> modules, List<String> late,
                              String modulesDep, String init, String sysroot, boolean signedModules)
            throws IOException {
        String modDir = "lib/modules/" + kernel.release();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16);
             CpioWriter cpio = new CpioWriter(gz)) {
            for (String dir : List.of("bin", "dev", "etc", "lib", "lib/modules", modDir, "proc", "sys", "sysroot",
                    "tmp")) {
                cpio.directory(dir, 0755);
            }
            // The kernel opens /dev/console for /init's stdio before devtmpfs is mounted.
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            cpio.symlink("bin/sh", "busybox");
            for (String applet : StageOne.APPLETS) {
                cpio.symlink("bin/" + applet, "busybox");
            }
            cpio.file("init", 0755, init.getBytes(StandardCharsets.UTF_8));
            cpio.file(StageOne.EARLY_FSTAB, 0644, StageOne.earlyFstab().getBytes(StandardCharsets.UTF_8));
            cpio.file(StageOne.SYSROOT_FSTAB, 0644, sysroot.getBytes(StandardCharsets.UTF_8));
            for (String rel : modules) {
                byte[] ko = Files.readAllBytes(kernel.modulesDir().resolve(rel));
                cpio.file(modDir + "/" + base(rel), 0644, signedModules ? ko : ModuleSignature.strip(ko));
            }
            for (String rel : late) {
                byte[] ko = Files.readAllBytes(kernel.modulesDir().resolve(rel));
                cpio.file(modDir + "/" + base(rel), 0644, signedModules ? ko : ModuleSignature.strip(ko));
            }
            cpio.file(modDir + "/modules.dep", 0644, modulesDep.getBytes(StandardCharsets.UTF_8));
            String names = String.join(" ", modules.stream().map(ModulesDep::moduleName).toList());
            cpio.file(StageOne.MODULES, 0644, (names + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
