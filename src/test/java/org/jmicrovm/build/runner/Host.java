package org.jmicrovm.build.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs host commands for tests and reports everything they printed. */
final class Host {
    private Host() {}

    record Result(int status, String output) {}

    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... command)
        throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jmicrovm-test", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), output);
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), 60, command);
    }

    static boolean isRoot() {
        try {
            return run(Path.of("/"), "id", "-u").output().trim().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
