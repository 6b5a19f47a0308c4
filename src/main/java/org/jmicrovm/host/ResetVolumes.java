package org.jmicrovm.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmLock;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.RunnerScripts;
import org.jmicrovm.supervise.VmRuntime;

/**
 * {@code microvm reset NAME}: deletes a stopped VM's volume images that its runner makes again when they are
 * missing ({@code autoCreate}), so that its next start begins with empty volumes: the explicit "throw the
 * mutable state away" people ask for instead of deleting the VM's directory by hand. Images without
 * {@code autoCreate} are never touched (nothing would make them again). Without {@code confirmed} it only
 * says what it would delete.
 */
public final class ResetVolumes {

    /** What a reset deletes and keeps; {@code deleted} is false when it was only shown. */
    public record Result(List<Path> toDelete, List<Path> kept, boolean deleted) {}

    /** Why nothing was done. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private ResetVolumes() {}

    public static Result run(StateDirectory state, VmName name, boolean confirmed, Consumer<String> progress)
            throws IOException, Refused {
        VmDirectory vm = state.vm(name);
        if (!vm.exists()) {
            throw new Refused("MicroVM " + name + " not found in " + state.root());
        }
        try (VmLock lock = VmLock.acquire(state, name, Duration.ofMinutes(1), progress)) {
            if (new VmRuntime(vm, l -> { }).isRunning()) {
                throw new Refused("MicroVM " + name + " is running; stop it first: microvm stop " + name);
            }
            Path runner = vm.currentTarget().orElseThrow(() -> new Refused("MicroVM " + name + " has no current runner."));
            List<RunnerScripts.VolumeImage> images = new RunnerScripts(runner).volumeImages().orElseThrow(() ->
                    new Refused("The runner of MicroVM " + name + " does not list its volumes (it was built by an"
                            + " older jmicrovm); build it again with microvm-host switch or microvm -u " + name));
            List<Path> toDelete = new ArrayList<>();
            List<Path> kept = new ArrayList<>();
            for (RunnerScripts.VolumeImage v : images) {
                Path image = vm.path().resolve(v.image()).normalize();
                if (!Files.exists(image, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                (v.autoCreate() && Files.isRegularFile(image, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? toDelete : kept).add(image);
            }
            if (confirmed) {
                for (Path image : toDelete) {
                    Files.delete(image);
                }
            }
            return new Result(List.copyOf(toDelete), List.copyOf(kept), confirmed);
        }
    }
}
