package org.jmicrovm.module;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Source;
import org.jmicrovm.lang.parse.Parser;

/**
 * The syntax trees of the built-in Nix files ({@code lib}, the schemas), parsed ahead on another
 * thread once an evaluation first asks for one of them. A cold JVM parses about 100 KB of them
 * slowly (interpreted code), while the evaluation thread has other work: parsing the host
 * configuration, evaluating the first modules. Each file is parsed once, by whichever thread
 * gets to it first; the evaluation thread waits for a parse under way rather than repeating it.
 * Parsing has no side effects, so the trees are the same as the evaluator's own parse gives, and
 * all sessions of the process share them.
 */
final class BuiltinParses {

    /**
     * The built-in files, in about the order an evaluation of a host configuration needs them
     * (a test checks that every file in the resources is listed).
     */
    static final List<String> FILES = List.of(
            "lib/default.nix", "lib/trivial.nix", "lib/lists.nix", "lib/strings.nix", "lib/attrsets.nix",
            "lib/options.nix", "lib/modules.nix", "lib/fixed-points.nix", "lib/asserts.nix", "lib/debug.nix",
            "lib/generators.nix", "lib/versions.nix", "lib/ascii-table.nix",
            "schema/host.nix", "schema/guest.nix", "schema/common/assertions.nix", "schema/guest/core.nix",
            "schema/guest/storage.nix", "schema/guest/network.nix", "schema/guest/devices.nix",
            "schema/guest/hypervisors.nix", "schema/guest/generated.nix", "schema/guest/checks.nix",
            "schema/guest/os.nix", "schema/guest/openssh.nix");

    /** The parses of all sessions of the process, by home directory (the trees are immutable and shared). */
    private static final Map<Path, Map<String, FutureTask<Expr>>> ALL = new ConcurrentHashMap<>();

    private final Path homeDir;
    private volatile Map<String, FutureTask<Expr>> parses;

    BuiltinParses(Path homeDir) {
        this.homeDir = homeDir;
    }

    /** Starts parsing all built-in files on a background thread (once per process and home directory). */
    void start() {
        if (parses != null) {
            return;
        }
        boolean[] created = {false};
        Map<String, FutureTask<Expr>> tasks = ALL.computeIfAbsent(homeDir, h -> {
            Map<String, FutureTask<Expr>> m = new ConcurrentHashMap<>();
            for (String rel : FILES) {
                m.put(rel, new FutureTask<>(() -> parse(rel)));
            }
            created[0] = true;
            return m;
        });
        parses = tasks;
        if (created[0]) {
            Thread t = new Thread(() -> {
                for (String rel : FILES) {
                    tasks.get(rel).run();
                }
            }, "jmicrovm-builtin-parse");
            t.setDaemon(true);
            t.start();
        }
    }

    private Expr parse(String rel) {
        String text = Session.readResource(Session.resourceOf(rel));
        return text == null ? null : Parser.parse(Source.ofFile(Session.ROOT.resolve(rel), text), homeDir);
    }

    /**
     * The tree of built-in file {@code rel}, parsed here if nobody has begun, or null when it is not
     * one of the files parsed ahead or its parse failed (the caller then parses it itself, so that a
     * failure is reported as usual).
     */
    Expr get(String rel) {
        Map<String, FutureTask<Expr>> started = parses;
        FutureTask<Expr> task = started == null ? null : started.get(rel);
        if (task == null) {
            return null;
        }
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
