package org.jmicrovm.build.debian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jmicrovm.build.Exec;

/**
 * apt itself, with private lists, cache and an empty dpkg status below a temporary directory, so
 * neither what the host has installed nor its (possibly stale) lists influence the answer.
 */
final class AptOracle {
    private final List<String> options;

    private AptOracle(List<String> options) {
        this.options = options;
    }

    static AptOracle updated(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lists/partial"));
        Files.createDirectories(dir.resolve("cache/archives/partial"));
        Files.writeString(dir.resolve("status"), "");
        AptOracle apt = new AptOracle(List.of("-o", "Dir::State::Lists=" + dir.resolve("lists"),
                "-o", "Dir::Cache=" + dir.resolve("cache"), "-o", "Dir::State::status=" + dir.resolve("status"),
                "-o", "Debug::NoLocking=1"));
        apt.run("update");
        return apt;
    }

    String run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "-q"));
        cmd.addAll(options);
        cmd.addAll(List.of(args));
        return Exec.check(null, cmd);
    }

    /** name → version that {@code apt-get install --simulate --no-install-recommends} would install. */
    Map<String, String> simulate(List<String> roots) throws IOException {
        List<String> args = new ArrayList<>(List.of("install", "--simulate", "--no-install-recommends"));
        args.addAll(roots);
        Map<String, String> out = new TreeMap<>();
        for (String line : run(args.toArray(String[]::new)).split("\n")) {
            if (line.startsWith("Inst ")) {
                String[] f = line.split(" ");
                out.put(f[1], f[2].substring(1));
            }
        }
        return out;
    }
}
