package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Packages' {@code tmpfiles.d} lines (tmpfiles.d(5)): directories, files and links under
 * {@code /run}, {@code /var}, {@code /etc}… that systemd-tmpfiles would create at boot. jmicrovm's
 * guests have no systemd: the guest system turns them into boot-time shell commands (see
 * {@code build.guest.TmpFilesScript}). Parsing keeps every line; which types are applied is the
 * script's business, so an unsupported type is reported rather than silently lost.
 */
public record TmpFiles(List<Line> lines) {
    private static final Map<String, String> SPECIFIERS = Map.of(
            "t", "/run", "S", "/var/lib", "C", "/var/cache", "L", "/var/log", "T", "/tmp", "V", "/var/tmp", "%", "%");

    public TmpFiles {
        lines = List.copyOf(lines);
    }

    /**
     * One configuration line.
     *
     * @param type     the type letter, e.g. {@code d}
     * @param plus     the {@code +} modifier (replace what is there: {@code f+}, {@code L+})
     * @param path     absolute path, specifiers expanded
     * @param mode     octal mode, empty for {@code -} (the type's default)
     * @param user     owner, empty for {@code -}
     * @param group    group, empty for {@code -}
     * @param argument the argument (file content, link target), empty for {@code -}
     * @param origin   {@code file:line}, for messages
     */
    public record Line(char type, boolean plus, String path, Optional<String> mode, Optional<String> user,
                       Optional<String> group, Optional<String> argument, String origin) {}

    /** Parses one file; a line that cannot be understood at all is an error naming file and line. */
    public static TmpFiles parse(String source, String text) {
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String origin = source + ":" + (i + 1);
            String[] f = line.split("\\s+", 7);
            if (f.length < 2) {
                throw new IllegalArgumentException(origin + ": a tmpfiles.d line needs a type and a path: " + line);
            }
            String typeField = f[0];
            char type = typeField.charAt(0);
            String modifiers = typeField.substring(1);
            if (!modifiers.matches("[-+!=~^]*")) {
                throw new IllegalArgumentException(origin + ": unknown modifiers '" + modifiers + "' in type " + typeField);
            }
            String path = expand(f[1], origin);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(origin + ": the path must be absolute: " + f[1]);
            }
            String mode = field(f, 2).replaceFirst("^[~:]+", "");
            if (!mode.isEmpty() && !mode.matches("[0-7]{3,4}")) {
                throw new IllegalArgumentException(origin + ": not an octal mode: " + f[2]);
            }
            out.add(new Line(type, modifiers.contains("+"), path, optional(mode), optional(field(f, 3)),
                    optional(field(f, 4)), optional(field(f, 6)), origin));
        }
        return new TmpFiles(out);
    }

    private static String field(String[] f, int i) {
        return i < f.length && !f[i].equals("-") ? f[i] : "";
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Expands the specifiers whose value is fixed in a guest ({@code %t} = /run …); others are errors. */
    private static String expand(String path, String origin) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            String spec = i + 1 < path.length() ? String.valueOf(path.charAt(++i)) : "";
            String value = SPECIFIERS.get(spec);
            if (value == null) {
                throw new IllegalArgumentException(origin + ": the specifier %" + spec
                        + " is not supported by jmicrovm (known: %t %S %C %L %T %V %%)");
            }
            out.append(value);
        }
        return out.toString();
    }

    /**
     * The lines of a root tree's {@code usr/lib/tmpfiles.d/*.conf} and {@code etc/tmpfiles.d/*.conf},
     * files ordered by name, a file in {@code /etc} replacing the one of the same name in
     * {@code /usr/lib} (as systemd-tmpfiles reads them).
     */
    public static TmpFiles of(Path root) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        for (String dir : List.of("usr/lib/tmpfiles.d", "etc/tmpfiles.d")) {
            Path d = root.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".conf"))
                            .forEach(p -> files.put(p.getFileName().toString(), p));
                }
            }
        }
        List<Line> all = new ArrayList<>();
        for (Path f : files.values()) {
            String shown = "/" + root.relativize(f);
            all.addAll(parse(shown, Files.readString(f, StandardCharsets.UTF_8)).lines());
        }
        return new TmpFiles(all);
    }
}
