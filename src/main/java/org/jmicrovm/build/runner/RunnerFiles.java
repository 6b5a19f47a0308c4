package org.jmicrovm.build.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of a runner directory, as data: the build can hash them, tests can compare them, and
 * {@link #writeTo} puts them on disk.
 *
 * @param entries every file and symlink, by path relative to the runner directory
 * @param plan    the plan they were made from
 */
public record RunnerFiles(List<Entry> entries, RunnerPlan plan) {

    /** A file or symlink of the runner. */
    public sealed interface Entry {
        String path();
    }

    /** A regular file; scripts are executable. */
    public record File(String path, String content, boolean executable) implements Entry {
        public File {
            relative(path);
            Objects.requireNonNull(content);
        }
    }

    /** A symbolic link, e.g. {@code share/microvm/system} to the guest system. */
    public record Symlink(String path, String target) implements Entry {
        public Symlink {
            relative(path);
            Objects.requireNonNull(target);
        }
    }

    public RunnerFiles {
        entries = List.copyOf(entries);
        Objects.requireNonNull(plan);
    }

    private static void relative(String path) {
        if (path.startsWith("/") || path.contains("..") || path.isEmpty()) {
            throw new IllegalArgumentException("runner entries need a relative path inside the runner: " + path);
        }
    }

    /** The entry at {@code path}. */
    public Optional<Entry> get(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The content of the regular file at {@code path}. */
    public Optional<String> content(String path) {
        return get(path).filter(e -> e instanceof File).map(e -> ((File) e).content());
    }

    public List<String> paths() {
        return entries.stream().map(Entry::path).toList();
    }

    /**
     * Writes the entries below {@code directory}, which must be empty or absent; scripts get mode 0555,
     * other files 0444, as in a store. The caller makes the result appear atomically (the store does).
     */
    public void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (var existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) throw new IOException("not empty: " + directory);
        }
        for (Entry e : entries) {
            Path target = directory.resolve(e.path());
            Files.createDirectories(target.getParent());
            switch (e) {
                case File f -> {
                    Files.writeString(target, f.content());
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(f.executable() ? "r-xr-xr-x" : "r--r--r--"));
                }
                case Symlink s -> Files.createSymbolicLink(target, Path.of(s.target()));
            }
        }
    }
}
