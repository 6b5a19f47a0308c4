package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jmicrovm.state.HostLock;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
import org.jmicrovm.store.FileTrees;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;
import org.jmicrovm.supervise.VmRuntime;

/**
 * {@code microvm-host gc}: removes store paths no VM needs, and, only when asked, the
 * directories of VMs that were removed from the host configuration.
 *
 * <p>Roots are every VM directory's {@code current}, {@code booted}, {@code toplevel} and {@code previous}, and
 * the runners the last switch declared. The host lock keeps a concurrent switch from having
 * its fresh builds collected before it links them.
 */
public final class CollectGarbage {

    /** What a collection did. */
    public record Result(List<StorePath> removedPaths, List<String> removedVms, List<String> keptVolumes) {}

    private final StateDirectory state;
    private final Store store;
    private final Consumer<String> progress;

    public CollectGarbage(StateDirectory state, Store store, Consumer<String> progress) {
        this.state = state;
        this.store = store;
        this.progress = progress;
    }

    public Result call(boolean removeUndeclared, boolean deleteVolumes) throws IOException {
        try (HostLock lock = HostLock.acquire(state, Duration.ofMinutes(30), progress)) {
            emptyTrash();
            List<String> removedVms = new ArrayList<>();
            List<String> keptVolumes = new ArrayList<>();
            if (removeUndeclared) {
                for (String name : DeclaredVms.readRemoved(state)) {
                    removeVm(new VmName(name), deleteVolumes, removedVms, keptVolumes);
                }
            }
            Set<StorePath> roots = roots();
            List<StorePath> removed = store.collectGarbage(s -> roots);
            return new Result(removed, removedVms, keptVolumes);
        }
    }

    private Path trash() {
        return state.bookkeeping().resolve("trash");
    }

    /** What an earlier gc moved aside and was killed before deleting. */
    private void emptyTrash() throws IOException {
        if (Files.isDirectory(trash())) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(trash())) {
                for (Path p : left) {
                    FileTrees.deleteRecursively(p);
                }
            }
        }
    }

    private Set<StorePath> roots() throws IOException {
        Set<StorePath> roots = new HashSet<>();
        for (VmDirectory vm : state.list()) {
            for (Optional<Path> link : List.of(vm.currentTarget(), vm.bootedTarget(), vm.toplevelTarget(),
                    vm.previousTarget())) {
                link.flatMap(store::parse).ifPresent(roots::add);
            }
        }
        for (DeclaredVms.Entry e : DeclaredVms.read(state)) {
            store.parse(Path.of(e.runner())).ifPresent(roots::add);
            e.toplevelPath().flatMap(store::parse).ifPresent(roots::add);
        }
        return roots;
    }

    /**
     * Removes a VM the host configuration no longer declares. A running one is left alone (the
     * switch that removed it stops it). Without {@code deleteVolumes}, its volume images and
     * other files of its own stay in the directory; jmicrovm's links and runtime files go.
     */
    private void removeVm(VmName name, boolean deleteVolumes, List<String> removed, List<String> kept)
            throws IOException {
        VmDirectory vm = state.vm(name);
        if (!vm.exists()) {
            DeclaredVms.forgetRemoved(state, name);
            return;
        }
        try (VmLock lock = VmLock.acquire(state, name, Duration.ofMinutes(5), progress)) {
            VmRuntime runtime = new VmRuntime(vm, progress);
            if (runtime.isRunning()) {
                progress.accept(name + ": still running; not removed (stop it with `microvm stop " + name + "`)");
                return;
            }
            if (deleteVolumes) {
                // moved aside in one rename first: a gc killed while deleting leaves no half VM behind (a
                // `current` without its `flake`), only a trash directory the next gc empties
                Path trash = trash().resolve(name.value() + "." + System.nanoTime());
                Files.createDirectories(trash.getParent());
                Files.move(vm.path(), trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                FileTrees.deleteRecursively(trash);
                progress.accept(name + ": removed with its volumes");
            } else {
                for (Path p : List.of(vm.current(), vm.booted(), vm.toplevel(), vm.flakeFile(),
                        runtime.runtimeDir(), runtime.consoleLog(), vm.path().resolve("console.log.1"),
                        vm.path().resolve("virtiofsd.log"))) {
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        FileTrees.deleteRecursively(p);
                    }
                }
                List<String> left = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(vm.path())) {
                    for (Path p : entries) {
                        if (p.getFileName().toString().endsWith(".sock")) {
                            Files.deleteIfExists(p);
                        } else {
                            left.add(p.getFileName().toString());
                        }
                    }
                }
                if (left.isEmpty()) {
                    Files.delete(vm.path());
                    progress.accept(name + ": removed");
                } else {
                    left.forEach(f -> kept.add(vm.path().resolve(f).toString()));
                    progress.accept(name + ": removed; kept " + String.join(", ", left) + " in " + vm.path()
                            + " (add --delete-volumes to delete them)");
                }
            }
            removed.add(name.value());
            DeclaredVms.forgetRemoved(state, name);
        }
    }
}
