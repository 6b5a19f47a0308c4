package org.jmicrovm.lang.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Source;

/**
 * Parses the {@code .nix} files an imported file names while the evaluation goes on. Evaluation is
 * single-threaded; a host configuration spread over files (or one large generated module) would
 * otherwise be parsed on its critical path while the machine's other cores idle. When a file is
 * imported, the path literals in its text that name existing {@code .nix} files are parsed on a
 * second thread, and so on for theirs; {@code import} then takes the finished tree.
 *
 * <p>Only an optimisation: the text is matched loosely (a path in a comment or string is parsed for
 * nothing), and a file that fails to read or parse there is parsed again at its import, where the error
 * belongs to the evaluation.
 */
final class ParseAhead {
    /** A relative ({@code ./}, {@code ../}) or absolute path literal ending in {@code .nix}. */
    private static final Pattern NIX_FILE = Pattern.compile(
            "(?<![A-Za-z0-9_.+\\-/~])(?:\\.{1,2}/|/)[A-Za-z0-9._+\\-/]*\\.nix(?![A-Za-z0-9_.+\\-/])");
    /** Files larger than this are left to their import (a pathological file should not be read twice). */
    private static final long MAX_BYTES = 8L << 20;
    /** Enough for any configuration; a bound so that a file naming thousands of files cannot flood the thread. */
    private static final int MAX_FILES = 512;
    private static final long STACK_BYTES = 256L << 20;

    private final Function<Source, Expr> parser;
    private final Map<Path, Future<Parsed>> parses = new ConcurrentHashMap<>();
    private volatile ExecutorService worker;

    ParseAhead(Function<Source, Expr> parser) {
        this.parser = parser;
    }

    /** Starts parsing the files {@code text} (the content of {@code file}) names. */
    void namedIn(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || text.indexOf(".nix") < 0) {
            return;
        }
        Matcher m = NIX_FILE.matcher(text);
        while (m.find() && parses.size() < MAX_FILES) {
            String literal = m.group();
            Path target = (literal.startsWith("/") ? Path.of(literal) : dir.resolve(literal)).normalize();
            if (parses.containsKey(target) || !isSmallFile(target)) {
                continue;
            }
            parses.computeIfAbsent(target, t -> worker().submit(() -> {
                Stamp stamp = Stamp.of(t);
                String content = new String(Files.readAllBytes(t), StandardCharsets.UTF_8);
                Expr tree = parser.apply(Source.ofFile(t, content));
                namedIn(t, content);
                return new Parsed(tree, stamp);
            }));
        }
    }

    /**
     * The tree of {@code file} parsed ahead, or null when it was not, failed (its import parses it again) or
     * the file changed since (an evaluator can outlive edits of the files it was shown).
     */
    Expr take(Path file) {
        Future<Parsed> f = parses.get(file);
        if (f == null) {
            return null;
        }
        try {
            Parsed p = f.get();
            return p.stamp().sameAs(Stamp.of(file)) ? p.tree() : null;
        } catch (ExecutionException | IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private record Parsed(Expr tree, Stamp stamp) {}

    /**
     * What tells a file's content changed without reading it. Compared field by field, not with the
     * record's {@code equals}: that is an {@code invokedynamic} whose bootstrap spins classes at run time,
     * outside the start-up cache (~30 ms of a cold evaluation; see {@code StartupPathTest}).
     */
    private record Stamp(long modified, long size) {
        static Stamp of(Path p) throws IOException {
            return new Stamp(Files.getLastModifiedTime(p).toMillis(), Files.size(p));
        }

        boolean sameAs(Stamp other) {
            return modified == other.modified && size == other.size;
        }
    }

    private static boolean isSmallFile(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) <= MAX_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private ExecutorService worker() {
        ExecutorService w = worker;
        if (w == null) {
            synchronized (this) {
                if (worker == null) {
                    worker = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(null, r, "nix-parse-ahead", STACK_BYTES);
                        t.setDaemon(true);
                        return t;
                    });
                }
                w = worker;
            }
        }
        return w;
    }
}
