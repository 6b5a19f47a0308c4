package org.jmicrovm.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a host tool to completion (dpkg-deb, apt-get, mkfs.erofs, ...) and turns failure into an
 * error that names the command, its exit status, and what it printed.
 */
public final class Exec {
    private Exec() {}

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Result run(Path workDir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (is it installed? see docs/building.md for the host packages jmicrovm uses)", e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            int rc = p.waitFor();
            return new Result(rc, out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs the command and fails unless it exits 0. */
    public static String check(Path workDir, List<String> command) throws IOException {
        Result r = run(workDir, command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + r.exitCode() + ": "
                    + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
        return r.stdout();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 2000 ? t : "…" + t.substring(t.length() - 2000);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
