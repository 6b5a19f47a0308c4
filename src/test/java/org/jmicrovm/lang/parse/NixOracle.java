package org.jmicrovm.lang.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Nix 2.8's own parser ({@code nix-instantiate --parse}) on files, for differential tests.
 * Each expression is written to a file of its own in a scratch directory, so that relative
 * paths resolve against that directory for both parsers.
 */
final class NixOracle {

    /** What Nix made of one expression: its printed tree, or its error. */
    record Outcome(String printed, String error, int line, int column) {
        boolean failed() {
            return error != null;
        }
    }

    private static final Pattern ERROR = Pattern.compile("error: (.*?)\\n(?:.*?\\n)*?\\s*at .*?:(\\d+):(\\d+):", Pattern.DOTALL);

    private final Path dir;
    private final Path home;
    private int counter;

    NixOracle(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectories(dir.resolve("home"));
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("nix-instantiate", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    Path home() {
        return home;
    }

    Path dir() {
        return dir;
    }

    /** Writes the expressions to files; returns the files in order. */
    List<Path> write(List<String> expressions) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String e : expressions) {
            Path f = dir.resolve("case" + (counter++) + ".nix");
            Files.writeString(f, e, StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    /** Nix's outcome for each file: tries all at once, and one by one if any fails. */
    List<Outcome> parse(List<Path> files) throws IOException, InterruptedException {
        Result all = run(files);
        if (all.exit == 0) {
            String[] lines = all.stdout.split("\n", -1);
            if (lines.length >= files.size()) {
                List<Outcome> out = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    out.add(new Outcome(lines[i], null, 0, 0));
                }
                return out;
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Path f : files) {
            Result r = run(List.of(f));
            if (r.exit == 0) {
                out.add(new Outcome(r.stdout.strip(), null, 0, 0));
            } else {
                Matcher m = ERROR.matcher(r.stderr);
                if (m.find()) {
                    out.add(new Outcome(null, m.group(1).replaceAll("\u001b\\[[0-9;]*m", ""),
                            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                } else {
                    out.add(new Outcome(null, r.stderr.strip(), 0, 0));
                }
            }
        }
        return out;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result run(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nix-instantiate", "--parse"));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("NIX_CONFIG", "build-users-group =");
        env.put("NIX_STATE_DIR", dir.resolve("state").toString());
        env.put("HOME", home.toString());
        Path err = dir.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("nix-instantiate did not finish");
        }
        return new Result(p.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8));
    }
}
