package org.jmicrovm.lang.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One expression of the differential corpus.
 *
 * @param theme the corpus file it comes from, without {@code .cases} (e.g. {@code 07-strings})
 * @param name the case's name, unique within its theme
 * @param expression the Nix text, evaluated with {@code baseDir} as the base of relative paths
 * @param mustFail whether the case is written to fail in Nix (checked against the oracle too)
 * @param searchPath {@code -I} entries, already absolute: name to path ("" for an entry without a name)
 * @param baseDir the corpus directory
 * @param line the line of the case's header in its theme file, for people looking for it
 */
public record CorpusCase(String theme, String name, String expression, boolean mustFail,
                         List<Map.Entry<String, Path>> searchPath, Path baseDir, int line) {

    public CorpusCase {
        searchPath = List.copyOf(searchPath);
    }

    /** {@code theme/name}: what the test is called and what {@code -Dcorpus.filter} matches. */
    public String id() {
        return theme + "/" + name;
    }

    /** The {@code -I} arguments as nix-instantiate takes them. */
    public List<String> searchPathArguments() {
        return searchPath.stream()
                .flatMap(e -> java.util.stream.Stream.of("-I",
                        e.getKey().isEmpty() ? e.getValue().toString() : e.getKey() + "=" + e.getValue()))
                .toList();
    }
}
