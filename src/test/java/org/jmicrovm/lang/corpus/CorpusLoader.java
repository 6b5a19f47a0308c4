package org.jmicrovm.lang.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the differential corpus: every {@code *.cases} file under {@code lang/corpus}. In such a file a
 * line {@code #### NAME [fails] [-I name=path]...} starts a case, and the lines up to the next header are
 * its expression (trailing blank lines dropped). Lines before the first header describe the theme.
 */
public final class CorpusLoader {

    private static final String HEADER = "#### ";

    private CorpusLoader() {
    }

    /** The corpus directory as copied to the test classpath. */
    public static Path corpusDirectory() {
        var url = CorpusLoader.class.getResource("/lang/corpus");
        if (url == null) {
            throw new IllegalStateException("lang/corpus is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All cases, in theme-file order; {@code filter} (a regex on {@code theme/name}) may be null. */
    public static List<CorpusCase> load(Path directory, String filter) {
        Pattern pattern = filter == null || filter.isBlank() ? null : Pattern.compile(filter);
        List<CorpusCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cases")).sorted().toList()) {
                cases.addAll(parse(file, directory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> seen = new HashSet<>();
        for (CorpusCase c : cases) {
            if (!seen.add(c.id())) {
                throw new IllegalStateException("duplicate corpus case " + c.id());
            }
        }
        return pattern == null ? cases : cases.stream().filter(c -> pattern.matcher(c.id()).find()).toList();
    }

    static List<CorpusCase> parse(Path file, Path baseDir) throws IOException {
        String theme = file.getFileName().toString().replaceFirst("\\.cases$", "");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<CorpusCase> cases = new ArrayList<>();
        String[] header = null;
        int headerLine = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= lines.size(); i++) {
            boolean end = i == lines.size();
            String line = end ? null : lines.get(i);
            if (end || line.startsWith(HEADER)) {
                if (header != null) {
                    cases.add(toCase(theme, header, text.toString(), baseDir, file, headerLine));
                }
                if (!end) {
                    header = line.substring(HEADER.length()).trim().split("\\s+");
                    headerLine = i + 1;
                    text.setLength(0);
                }
            } else if (header != null) {
                text.append(line).append('\n');
            }
        }
        return cases;
    }

    private static CorpusCase toCase(String theme, String[] header, String text, Path baseDir, Path file, int line) {
        boolean mustFail = false;
        List<Map.Entry<String, Path>> searchPath = new ArrayList<>();
        for (int i = 1; i < header.length; i++) {
            switch (header[i]) {
                case "fails" -> mustFail = true;
                case "-I" -> {
                    if (i + 1 >= header.length) {
                        throw new IllegalStateException(file + ":" + line + ": -I needs name=path");
                    }
                    searchPath.add(searchPathEntry(header[++i], baseDir));
                }
                default -> throw new IllegalStateException(
                        file + ":" + line + ": unknown case flag '" + header[i] + "' (known: fails, -I name=path)");
            }
        }
        String expression = text.replaceFirst("\\n+$", "");
        return new CorpusCase(theme, header[0], expression, mustFail, searchPath, baseDir, line);
    }

    private static Map.Entry<String, Path> searchPathEntry(String spec, Path baseDir) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? "" : spec.substring(0, eq);
        Path path = baseDir.resolve(eq < 0 ? spec : spec.substring(eq + 1)).normalize();
        return new AbstractMap.SimpleImmutableEntry<>(name, path);
    }
}
