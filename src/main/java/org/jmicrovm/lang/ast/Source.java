package org.jmicrovm.lang.ast;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where Nix text came from: a file (whose directory anchors relative paths) or a string
 * given on the command line (anchored at the working directory).
 *
 * @param file the file, or {@code null} for text that is not from a file
 * @param baseDir the directory that relative path literals are resolved against
 * @param text the whole text, kept so that errors can show the offending line
 */
public record Source(Path file, Path baseDir, String text) {

    public Source {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(text, "text");
    }

    public static Source ofFile(Path file, String text) {
        Path abs = file.toAbsolutePath().normalize();
        return new Source(abs, abs.getParent(), text);
    }

    public static Source ofString(String text, Path baseDir) {
        return new Source(null, baseDir.toAbsolutePath().normalize(), text);
    }

    /** The name used in messages: the file's path, or {@code «string»} as Nix says. */
    public String displayName() {
        return file == null ? "«string»" : file.toString();
    }

    /** The text of line {@code line} (1-based), without its end of line, or "" when out of range. */
    public String line(int line) {
        int start = 0;
        for (int i = 1; i < line; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return "";
            }
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
