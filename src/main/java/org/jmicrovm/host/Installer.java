package org.jmicrovm.host;

import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Changes a VM's directory so that, whatever moment the process dies at, the directory is
 * either absent or complete, and {@code current} points at the old runner or the new one.
 */
public final class Installer {

    private final StateDirectory state;

    public Installer(StateDirectory state) {
        this.state = state;
    }

    /**
     * Creates {@code S/<name>/} with {@code current}, and {@code toplevel} or {@code flake}:
     * it is assembled under a temporary name inside the state directory and renamed into
     * place, so no half-created VM directory is ever visible.
     *
     * @throws FileAlreadyExistsException if the directory appeared meanwhile (nothing is changed)
     */
    public void create(VmName name, Path runner, Optional<Path> toplevel, Optional<String> flakeRef)
            throws IOException {
        VmDirectory target = state.vm(name);
        Path staging = state.bookkeeping().resolve("staging").resolve(name.value() + "@" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            Files.createSymbolicLink(staging.resolve("current"), runner);
            if (toplevel.isPresent()) {
                Files.createSymbolicLink(staging.resolve("toplevel"), toplevel.get());
            }
            if (flakeRef.isPresent()) {
                Files.writeString(staging.resolve("flake"), flakeRef.get() + "\n");
            }
            if (target.exists()) {
                throw new FileAlreadyExistsException(target.path().toString(), null, "VM directory already exists");
            }
            Files.createDirectories(state.root());
            Files.move(staging, target.path(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Moves {@code current} (and {@code toplevel} when given) to the new build, keeping the runner it
     * named as {@code previous}. {@code previous} is written first: a crash between the two leaves both
     * naming the old runner, which is still a consistent directory.
     */
    public void setCurrent(VmName name, Path runner, Optional<Path> toplevel) throws IOException {
        VmDirectory vm = state.vm(name);
        Optional<Path> old = vm.currentTarget();
        if (old.isPresent() && !old.get().equals(runner)) {
            Links.replace(vm.previous(), old.get());
        }
        Links.replace(vm.current(), runner);
        if (toplevel.isPresent()) {
            Links.replace(vm.toplevel(), toplevel.get());
        }
    }

    public void writeFlakeRef(VmName name, String flakeRef) throws IOException {
        Links.writeAtomically(state.vm(name).flakeFile(), flakeRef + "\n");
    }

    /**
     * Removes the staging leftovers of a killed command for one VM. Call it holding the VM's
     * lock ('@' cannot occur in a VM name, so other VMs' staging directories never match).
     */
    public void cleanStaging(VmName name) throws IOException {
        removeTemporaries(state.vm(name).path());
        Path staging = state.bookkeeping().resolve("staging");
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().startsWith(name.value() + "@")).toList()) {
                deleteTree(entry);
            }
        }
    }

    /**
     * Removes the hidden temporaries ({@code .current.tmp-…}) that an atomic link or file
     * replacement leaves when its process is killed between creating and renaming them.
     */
    public static void removeTemporaries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(".") && fileName.contains(".tmp-")) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
