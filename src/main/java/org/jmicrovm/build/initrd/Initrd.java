package org.jmicrovm.build.initrd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.build.pkgs.Kernel;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * Builds the initrd: a gzip-compressed newc cpio with busybox, the modules the VM needs (with
 * their dependencies, in load order) and {@link StageOne}'s {@code /init}. The store path holds one
 * file, {@code initrd}.
 */
public final class Initrd {
    private static final String BUILDER = "jmicrovm-initrd/1";

    private Initrd() {}

    public static StorePath build(Store store, Kernel kernel, StorePath busybox, List<String> wantedModules,
                                  StoreMount mount) {
        List<String> modules;
        try {
            modules = kernel.modules().resolve(wantedModules, kernel.release());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String init = StageOne.script(mount);
        BuildInputs inputs = BuildInputs.named("initrd-linux-" + kernel.release(), BUILDER)
                .buildInput(kernel.path())
                .buildInput(busybox)
                .input("modules", String.join("\n", modules))
                .input("init", init)
                .build();
        return store.build(inputs, out -> write(out.resolve("initrd"), kernel, busybox.resolve("bin/busybox"),
                modules, init));
    }

    public static Path file(StorePath initrd) {
        return initrd.resolve("initrd");
    }

    private static void write(Path target, Kernel kernel, Path busybox, List<String> modules, String init)
            throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16);
             CpioWriter cpio = new CpioWriter(gz)) {
            for (String dir : List.of("bin", "dev", "lib", "lib/modules", "proc", "sys", "sysroot", "tmp")) {
                cpio.directory(dir, 0755);
            }
            // The kernel opens /dev/console for /init's stdio before devtmpfs is mounted.
            cpio.charDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            cpio.symlink("bin/sh", "busybox");
            cpio.file("init", 0755, init.getBytes(StandardCharsets.UTF_8));
            StringBuilder order = new StringBuilder();
            for (String rel : modules) {
                String name = rel.substring(rel.lastIndexOf('/') + 1);
                cpio.file("lib/modules/" + name, 0644, Files.readAllBytes(kernel.modulesDir().resolve(rel)));
                order.append(name).append('\n');
            }
            cpio.file("lib/modules/load-order", 0644, order.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
