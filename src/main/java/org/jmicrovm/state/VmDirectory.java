package org.jmicrovm.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One VM's directory {@code S/<name>/}, laid out as microvm.nix lays it out:
 * {@code current} (runner to start next), {@code booted} (runner the running instance came
 * from), {@code toplevel} (fully-declarative VMs only) and {@code flake} (flakeref text); and
 * jmicrovm's {@code previous} (the runner {@code current} named before its last change, for
 * {@code microvm rollback}).
 */
public record VmDirectory(VmName name, Path path) {

    public Path current() {
        return path.resolve("current");
    }

    public Path booted() {
        return path.resolve("booted");
    }

    public Path toplevel() {
        return path.resolve("toplevel");
    }

    public Path previous() {
        return path.resolve("previous");
    }

    public Path flakeFile() {
        return path.resolve("flake");
    }

    public boolean exists() {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    public Optional<Path> currentTarget() {
        return Links.target(current());
    }

    public Optional<Path> bootedTarget() {
        return Links.target(booted());
    }

    public Optional<Path> previousTarget() {
        return Links.target(previous());
    }

    public Optional<Path> toplevelTarget() {
        return Links.target(toplevel());
    }

    /** A fully-declarative VM has a {@code toplevel} link; {@code microvm -u} refuses those. */
    public boolean isFullyDeclarative() {
        return Files.exists(toplevel(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The flakeref stored in {@code flake}, without surrounding whitespace, if the file exists. */
    public Optional<String> flakeRef() {
        Path file = flakeFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The guest system a runner was built from: {@code <runner>/share/microvm/system}, if the
     * runner has that link (microvm.nix's {@code systemSymlink}).
     */
    public static Optional<Path> systemOf(Path runner) {
        return Links.target(runner.resolve("share/microvm/system"));
    }
}
