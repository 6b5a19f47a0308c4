package org.jmicrovm.build.debian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Debian control-file syntax (deb822): paragraphs separated by blank lines, {@code Field: value}
 * lines, continuation lines starting with white space. Used for Packages indexes, Release files
 * and {@code .sources} files. Field names are case-insensitive, as Debian policy says.
 */
public final class Deb822 {
    /** One paragraph; {@code line} is where it starts in its file, for error messages. */
    public record Paragraph(int line, Map<String, String> fields) {
        public Paragraph {
            TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            m.putAll(fields);
            fields = Collections.unmodifiableMap(m);
        }

        public Optional<String> get(String field) {
            return Optional.ofNullable(fields.get(field));
        }

        public String require(String source, String field) {
            String v = fields.get(field);
            if (v == null) {
                throw new IllegalArgumentException(source + ":" + line + ": paragraph lacks the field " + field);
            }
            return v;
        }
    }

    private Deb822() {}

    /**
     * Parses every paragraph. Comment lines ({@code #}) are skipped, as in {@code .sources} files;
     * Packages indexes contain none.
     */
    public static List<Paragraph> parse(String source, CharSequence text) {
        List<Paragraph> out = new ArrayList<>();
        TreeMap<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String field = null;
        StringBuilder value = null;
        int start = 0;
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        while (pos <= n) {
            int end = pos;
            while (end < n && text.charAt(end) != '\n') {
                end++;
            }
            String line = text.subSequence(pos, end).toString();
            pos = end + 1;
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (field != null) {
                    fields.put(field, value.toString());
                    field = null;
                }
                if (!fields.isEmpty()) {
                    out.add(new Paragraph(start, fields));
                    fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                }
                if (end >= n) {
                    break;
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (field == null) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": continuation line outside a field");
                }
                value.append('\n').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected 'Field: value', found '"
                        + line + "'");
            }
            if (field != null) {
                fields.put(field, value.toString());
            } else if (fields.isEmpty()) {
                start = lineNo;
            }
            field = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1).strip());
            if (end >= n) {
                break;
            }
        }
        if (field != null) {
            fields.put(field, value.toString());
        }
        if (!fields.isEmpty()) {
            out.add(new Paragraph(start, fields));
        }
        return out;
    }
}
