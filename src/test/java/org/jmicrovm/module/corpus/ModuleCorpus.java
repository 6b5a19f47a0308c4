package org.jmicrovm.module.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module-system corpus on the test class path: the general cases ({@code module/cases}), the
 * cases of jmicrovm's own schemas ({@code module/schema-expected}), the harness and the schema
 * directory they refer to.
 */
public final class ModuleCorpus {

    private ModuleCorpus() {
    }

    /** {@code module/} with harness.nix, regenerate.sh, cases/ and schema-expected/. */
    public static Path root() {
        return directoryOf("/module/harness.nix");
    }

    /** The schema modules ({@code org/jmicrovm/module/schema}), which {@code schema:} names refer to. */
    public static Path schemaDir() {
        return directoryOf("/org/jmicrovm/module/schema/guest.nix");
    }

    public static Path harness() {
        return root().resolve("harness.nix");
    }

    public static List<CorpusCase> cases() {
        return casesIn(root().resolve("cases"));
    }

    public static List<CorpusCase> schemaCases() {
        return casesIn(root().resolve("schema-expected"));
    }

    private static List<CorpusCase> casesIn(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children
                    .filter(child -> Files.isRegularFile(child.resolve("case.json")))
                    .sorted()
                    .map(CorpusCase::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static Path directoryOf(String resource) {
        URL url = ModuleCorpus.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable resource URL " + url, e);
        }
    }
}
