package org.jmicrovm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A content-addressed directory of build outputs.
 *
 * <p>Layout: {@code <root>/<hash>-<name>} are the outputs. Beside them, hidden from listings:
 * {@code .tmp/} holds builds in progress (a path only appears by an atomic rename out of it, so an
 * interrupted build never leaves a half path), {@code .meta/<hash>-<name>/} holds the inputs text
 * and the run-time references of each output (written before the output appears), and
 * {@code .locks/} holds one lock file per hash so two processes never build the same path at once.
 */
public final class Store {
    private static final ConcurrentHashMap<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;

    private Store(Path root) {
        this.root = root;
    }

    /** Opens (and creates if needed) the store at {@code root}; the path is made absolute. */
    public static Store open(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.resolve(".tmp"));
            Files.createDirectories(abs.resolve(".meta"));
            Files.createDirectories(abs.resolve(".locks"));
        } catch (IOException e) {
            throw new StoreException("cannot create the store at " + abs + ": " + e.getMessage()
                    + " (choose another with --store or MICROVM_STORE)", e);
        }
        return new Store(abs);
    }

    public Path root() {
        return root;
    }

    /** The path a build with these inputs has, whether or not it exists yet. */
    public StorePath pathOf(BuildInputs inputs) {
        String hash = inputs.hash();
        return new StorePath(root.resolve(hash + "-" + inputs.name()), hash, inputs.name());
    }

    public boolean isValid(StorePath path) {
        return Files.exists(path.path(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns the output for these inputs, building it first if it is not there yet. The builder
     * writes into a fresh directory (it may also replace it with a single file); on success that
     * directory is made read-only and renamed into place, on failure it is removed.
     */
    public StorePath build(BuildInputs inputs, OutputBuilder builder) {
        StorePath out = pathOf(inputs);
        if (isValid(out)) {
            return out;
        }
        for (StorePath p : inputs.references()) {
            requireValid(p, inputs);
        }
        for (StorePath p : inputs.buildOnly()) {
            requireValid(p, inputs);
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(out.hash(), h -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(root.resolve(".locks").resolve(out.hash() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (isValid(out)) {
                return out; // another process or thread finished it while we waited
            }
            removeLeftovers(out);
            Path tmp = root.resolve(".tmp").resolve(out.baseName() + "." + UUID.randomUUID());
            Files.createDirectory(tmp);
            boolean done = false;
            try {
                builder.build(tmp);
                if (!Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                    throw new StoreException("the builder of " + out.baseName() + " produced no output");
                }
                writeMeta(out, inputs);
                FileTrees.makeReadOnly(tmp);
                try {
                    Files.move(tmp, out.path(), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new StoreException("the store's temporary directory is on another file system", e);
                } catch (FileAlreadyExistsException e) {
                    // cannot happen under the lock unless someone copied it in by hand; keep theirs
                }
                done = true;
                return out;
            } finally {
                if (!done) {
                    FileTrees.deleteRecursively(tmp);
                }
            }
        } catch (IOException e) {
            throw new StoreException("building " + out.baseName() + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private void requireValid(StorePath p, BuildInputs inputs) {
        if (!isValid(p)) {
            throw new StoreException("input " + p + " of " + inputs.name() + " is not in the store");
        }
    }

    /** Builds interrupted by a killed process leave directories in .tmp; only we (holding the lock) may remove them. */
    private void removeLeftovers(StorePath out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(".tmp"), out.baseName() + ".*")) {
            for (Path p : ds) {
                FileTrees.deleteRecursively(p);
            }
        }
    }

    private void writeMeta(StorePath out, BuildInputs inputs) throws IOException {
        Path meta = root.resolve(".meta").resolve(out.baseName());
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("inputs"), inputs.canonicalText(), StandardCharsets.UTF_8);
        StringBuilder refs = new StringBuilder();
        for (StorePath r : inputs.references()) {
            refs.append(r.baseName()).append('\n');
        }
        Files.writeString(meta.resolve("references"), refs.toString(), StandardCharsets.UTF_8);
    }

    /** Parses {@code <root>/<hash>-<name>} (or a file below it) back into a store path. */
    public Optional<StorePath> parse(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            return Optional.empty();
        }
        String base = root.relativize(abs).getName(0).toString();
        if (base.length() < StoreHash.LENGTH + 2 || base.charAt(StoreHash.LENGTH) != '-') {
            return Optional.empty();
        }
        String hash = base.substring(0, StoreHash.LENGTH);
        if (!StoreHash.isValid(hash)) {
            return Optional.empty();
        }
        return Optional.of(new StorePath(root.resolve(base), hash, base.substring(StoreHash.LENGTH + 1)));
    }

    /** Every output in the store, sorted by base name. */
    public List<StorePath> list() {
        List<StorePath> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    parse(p).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** The run-time references recorded when {@code path} was built. */
    public SortedSet<StorePath> references(StorePath path) {
        Path file = root.resolve(".meta").resolve(path.baseName()).resolve("references");
        SortedSet<StorePath> out = new TreeSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    parse(root.resolve(line.strip())).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The store paths {@code text} names, as Nix finds the run-time references of a build output:
     * every {@code <store>/<hash>-} whose hash is that of an output present in this store. Strings
     * carry no context here, so a package named only inside a script or a file's text is found this
     * way. Hashes of paths that are not (yet) in the store are ignored.
     */
    public SortedSet<StorePath> referencesIn(CharSequence text) {
        SortedSet<StorePath> found = new TreeSet<>();
        java.util.Set<String> looked = new java.util.HashSet<>(); // a script names busybox dozens of times
        String prefix = root + "/";
        String s = text.toString();
        for (int i = s.indexOf(prefix); i >= 0; i = s.indexOf(prefix, i + 1)) {
            int start = i + prefix.length();
            int end = start + StoreHash.LENGTH;
            if (end >= s.length() || s.charAt(end) != '-') {
                continue;
            }
            String hash = s.substring(start, end);
            if (looked.add(hash) && StoreHash.isValid(hash)) {
                outputWithHash(hash).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The output {@code <hash>-*}, if the store has one (a hash names at most one output). */
    private Optional<StorePath> outputWithHash(String hash) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, hash + "-*")) {
            for (Path p : ds) {
                return parse(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** The paths and everything they refer to, transitively. This is what a guest must see. */
    public SortedSet<StorePath> closure(Collection<StorePath> paths) {
        SortedSet<StorePath> seen = new TreeSet<>();
        Deque<StorePath> todo = new ArrayDeque<>(paths);
        while (!todo.isEmpty()) {
            StorePath p = todo.pop();
            if (seen.add(p)) {
                todo.addAll(references(p));
            }
        }
        return seen;
    }

    /**
     * Removes every output not in the closure of {@code roots}. This is the hook for
     * {@code microvm-host gc}; deciding what the roots are (state directories, running VMs) is the
     * host's job.
     */
    public List<StorePath> collectGarbage(GcRoots roots) {
        SortedSet<StorePath> live = closure(roots.roots(this));
        List<StorePath> removed = new ArrayList<>();
        for (StorePath p : list()) {
            if (!live.contains(p)) {
                ReentrantLock local = IN_PROCESS.computeIfAbsent(p.hash(), h -> new ReentrantLock());
                local.lock();
                try (FileChannel ch = FileChannel.open(root.resolve(".locks").resolve(p.hash() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    // Rename first so the path disappears atomically, then delete at leisure.
                    Path doomed = root.resolve(".tmp").resolve(p.baseName() + ".gc-" + UUID.randomUUID());
                    Files.move(p.path(), doomed, StandardCopyOption.ATOMIC_MOVE);
                    FileTrees.deleteRecursively(doomed);
                    FileTrees.deleteRecursively(root.resolve(".meta").resolve(p.baseName()));
                    removed.add(p);
                } catch (IOException e) {
                    throw new StoreException("cannot remove " + p + ": " + e.getMessage(), e);
                } finally {
                    local.unlock();
                }
            }
        }
        return removed;
    }

    /** What a build writes into its fresh output directory. */
    @FunctionalInterface
    public interface OutputBuilder {
        void build(Path out) throws IOException;
    }
}
