package org.jmicrovm.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs Nix 2.8's evaluator ({@code nix-instantiate --eval}) on an expression, as the oracle
 * the evaluator tests compare with. Results are memoised per (expression, directory, mode).
 */
public final class NixEvalOracle {

    /** stdout on success; otherwise {@code ok} is false and {@code error} holds the first line of stderr. */
    public record Result(boolean ok, String output, String error) {}

    private static final Path STATE = Path.of(System.getProperty("java.io.tmpdir"), "jmicrovm-nix-oracle");
    private static final Map<String, Result> MEMO = new ConcurrentHashMap<>();
    private static Boolean available;

    private NixEvalOracle() {}

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("nix-instantiate", "--version").redirectErrorStream(true).start();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
                if (available) {
                    // Nix makes its state directory on first use, and two first uses at once race ("creating
                    // symlink ... File exists"): the first one runs alone
                    exec("0", Path.of(System.getProperty("java.io.tmpdir")), false, false, List.of());
                }
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** {@code nix-instantiate --eval --strict --json -E expr} run in {@code dir}. */
    public static Result json(String expr, Path dir) {
        return run(expr, dir, true, true, List.of());
    }

    /** {@code nix-instantiate --eval [--strict] -E expr} run in {@code dir}. */
    public static Result print(String expr, Path dir, boolean strict) {
        return run(expr, dir, false, strict, List.of());
    }

    public static Result run(String expr, Path dir, boolean json, boolean strict, List<String> extraArgs) {
        String key = json + "|" + strict + "|" + dir + "|" + extraArgs + "|" + expr;
        return MEMO.computeIfAbsent(key, k -> exec(expr, dir, json, strict, extraArgs));
    }

    private static Result exec(String expr, Path dir, boolean json, boolean strict, List<String> extraArgs) {
        try {
            Files.createDirectories(STATE);
            List<String> cmd = new ArrayList<>(List.of("nix-instantiate", "--eval"));
            if (strict) {
                cmd.add("--strict");
            }
            if (json) {
                cmd.add("--json");
            }
            cmd.addAll(extraArgs);
            cmd.add("-E");
            cmd.add(expr);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Map<String, String> env = pb.environment();
            env.put("NIX_CONFIG", "build-users-group =");
            env.put("NIX_STATE_DIR", STATE.toString());
            env.put("HOME", STATE.toString());
            env.remove("NIX_PATH");
            Path out = Files.createTempFile(STATE, "out", ".txt");
            Path err = Files.createTempFile(STATE, "err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(false, "", "timeout");
            }
            // Nix strings may hold any bytes; decode leniently, as our own output is decoded.
            String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                String first = stderr.lines().filter(l -> l.startsWith("error:")).findFirst().orElse(stderr.strip());
                return new Result(false, stdout, first);
            }
            return new Result(true, json ? stdout : stdout.stripTrailing(), "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
