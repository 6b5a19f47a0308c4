package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state directory {@code S} (default {@code /var/lib/microvms}) holding one directory per VM.
 * jmicrovm's own bookkeeping lives in hidden entries ({@code .jmicrovm/}), which microvm.nix's
 * tools ignore because they only look at directories with a {@code current} link.
 */
public record StateDirectory(Path root) {

    public static final Path DEFAULT = Path.of("/var/lib/microvms");

    /** {@code --state-dir}, else {@code MICROVM_STATE_DIR}, else the default. */
    public static StateDirectory resolve(Path option, java.util.Map<String, String> environment) {
        if (option != null) {
            return new StateDirectory(option.toAbsolutePath().normalize());
        }
        String fromEnvironment = environment.get("MICROVM_STATE_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new StateDirectory(Path.of(fromEnvironment).toAbsolutePath().normalize());
        }
        return new StateDirectory(DEFAULT);
    }

    public VmDirectory vm(VmName name) {
        return new VmDirectory(name, root.resolve(name.value()));
    }

    /** jmicrovm's bookkeeping directory inside the state directory. */
    public Path bookkeeping() {
        return root.resolve(".jmicrovm");
    }

    /** Where per-VM locks live: outside the VM directory, so creating a VM can be locked too. */
    public Path lockFile(VmName name) {
        return bookkeeping().resolve("locks").resolve(name.value() + ".lock");
    }

    /**
     * The VMs present: directories whose name is a valid VM name, sorted by name. Entries
     * that are not valid names (hidden files, temporary directories) are skipped.
     */
    public List<VmDirectory> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<VmDirectory> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (VmName.problemWith(fileName) == null && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    result.add(new VmDirectory(new VmName(fileName), entry));
                }
            }
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(result);
    }
}
