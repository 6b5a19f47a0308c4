package org.jmicrovm.lang.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the real {@code nix-instantiate} (Nix 2.8 from Debian's nix-bin) as the reference for our evaluator.
 *
 * <p>It runs with a private {@code NIX_STATE_DIR} and {@code HOME} under /tmp, {@code NIX_PATH} removed and
 * {@code NIX_CONFIG="build-users-group ="}, so that it neither warns nor reads the machine's settings.
 * {@link #environment()} is the exact environment it sees; our evaluator is given the same one.
 */
public final class NixOracle {

    /** A variable the corpus reads with {@code builtins.getEnv}. */
    public static final String CORPUS_VARIABLE = "JMICROVM_CORPUS_VAR";
    public static final String CORPUS_VARIABLE_VALUE = "corpus value";

    private static final long TIMEOUT_SECONDS = 300;

    /** What one run of nix-instantiate did. */
    public record Result(int exitCode, byte[] stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The first {@code error: ...} line of stderr, or the first line when there is none. */
        public String errorLine() {
            List<String> lines = stderr.lines().toList();
            return lines.stream().filter(l -> l.startsWith("error:")).findFirst()
                    .orElse(lines.isEmpty() ? "" : lines.get(0));
        }
    }

    private final Path executable;
    private final Path stateRoot;
    private final Path home;
    private final Map<String, String> environment;

    private NixOracle(Path executable, Path stateRoot) {
        this.executable = executable;
        this.stateRoot = stateRoot;
        this.home = stateRoot.resolve("home");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("NIX_PATH");
        env.put("NIX_STATE_DIR", stateRoot.resolve("state").toString());
        env.put("NIX_CONFIG", "build-users-group =");
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", stateRoot.resolve("cache").toString());
        env.put(CORPUS_VARIABLE, CORPUS_VARIABLE_VALUE);
        this.environment = Map.copyOf(env);
    }

    /**
     * Finds nix-instantiate ({@code $JMICROVM_NIX_INSTANTIATE}, else on {@code PATH}) and prepares its private
     * directories. Fails the calling test, with a hint, when it is missing: the differential tests must never be
     * skipped silently.
     */
    public static NixOracle start() {
        Path executable = locate(System.getenv());
        try {
            Path root = Files.createTempDirectory("jmicrovm-nix-oracle-");
            Files.createDirectories(root.resolve("home"));
            Files.createDirectories(root.resolve("state"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            NixOracle oracle = new NixOracle(executable, root);
            // Nix makes its state directory (profiles, gcroots links) on first use, and two first uses at once
            // race ("creating symlink ... File exists"): the first one runs alone, before any parallel case.
            oracle.run(List.of("--eval", "-E", "0"), root);
            return oracle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path locate(Map<String, String> env) {
        String explicit = env.get("JMICROVM_NIX_INSTANTIATE");
        if (explicit != null && !explicit.isBlank()) {
            if (!Files.isExecutable(Path.of(explicit))) {
                throw new AssertionFailedError("JMICROVM_NIX_INSTANTIATE=" + explicit + " is not an executable file."
                        + "\nhint: point it at nix-instantiate, or unset it and install nix-bin ('apt-get install nix-bin').");
            }
            return Path.of(explicit);
        }
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nix-instantiate");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionFailedError("nix-instantiate was not found on PATH, and the differential tests need it as"
                + " their reference.\nhint: install it with 'apt-get install nix-bin' (.ci/run does this), or point"
                + " JMICROVM_NIX_INSTANTIATE at it.");
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path home() {
        return home;
    }

    public Path executable() {
        return executable;
    }

    /** {@code nix-instantiate --eval --strict --json} on a corpus case, from the corpus directory. */
    public Result evalStrictJson(CorpusCase c) {
        List<String> args = new ArrayList<>(List.of("--eval", "--strict", "--json"));
        args.addAll(c.searchPathArguments());
        args.add("-E");
        args.add(expressionArgument(c.expression()));
        return run(args, c.baseDir());
    }

    /**
     * nix-instantiate's argument parser takes any argument that starts with '-' for a flag, even after -E; a
     * leading space keeps such an expression an expression (it moves only columns on its first line).
     */
    public static String expressionArgument(String expression) {
        return expression.startsWith("-") ? " " + expression : expression;
    }

    /** The shell command a person can paste to re-run a case by hand. */
    public String commandLine(CorpusCase c) {
        StringBuilder out = new StringBuilder("cd ").append(shellQuote(c.baseDir().toString()))
                .append(" && NIX_CONFIG='build-users-group =' nix-instantiate --eval --strict --json");
        for (String a : c.searchPathArguments()) {
            out.append(' ').append(shellQuote(a));
        }
        return out.append(" -E ").append(shellQuote(expressionArgument(c.expression()))).toString();
    }

    /**
     * Runs nix-instantiate with the arguments given, in {@code workDir}. Parallel runs share one
     * private state directory, whose SQLite database is sometimes "busy" for one of them: that is
     * the oracle stumbling, not an answer, so such a run is repeated.
     */
    public Result run(List<String> args, Path workDir) {
        Result result = runOnce(args, workDir);
        for (int attempt = 1; attempt < 6 && busyDatabase(result); attempt++) {
            try {
                Thread.sleep(50L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = runOnce(args, workDir);
        }
        return result;
    }

    private static boolean busyDatabase(Result result) {
        return result.exitCode() != 0 && result.stderr().contains("SQLite database") && result.stderr().contains("is busy");
    }

    private Result runOnce(List<String> args, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path stderrFile = null;
        try {
            // stderr goes to a file and stdout is read here: no reader threads that could starve each other
            // when many oracles run at once.
            stderrFile = Files.createTempFile(stateRoot, "stderr-", ".txt");
            builder.redirectError(stderrFile.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] stdout;
            try (InputStream in = process.getInputStream()) {
                stdout = in.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, stdout, "error: nix-instantiate timed out after " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout,
                    new String(Files.readAllBytes(stderrFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (stderrFile != null) {
                try {
                    Files.deleteIfExists(stderrFile);
                } catch (IOException ignored) {
                    // a leftover file in the private directory is removed with it at exit
                }
            }
        }
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    p.toFile().setWritable(true);
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover directory under /tmp is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
