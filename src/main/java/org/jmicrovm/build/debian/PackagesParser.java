package org.jmicrovm.build.debian;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader of Packages indexes (63,000 stanzas, 50 MB for bookworm amd64): one pass over the
 * text that keeps only the fields {@link BinaryPackage} needs, instead of building a general
 * {@link Deb822.Paragraph} for each stanza.
 */
final class PackagesParser {
    private static final Map<String, String> WANTED = new HashMap<>();

    static {
        for (String f : List.of("Package", "Version", "Architecture", "Priority", "Essential", "Pre-Depends",
                "Depends", "Provides", "Conflicts", "Breaks", "Filename", "Size", "SHA256", "Installed-Size")) {
            WANTED.put(f.toLowerCase(java.util.Locale.ROOT), f);
        }
    }

    private PackagesParser() {}

    static List<BinaryPackage> parse(String source, String text, String archive) {
        List<BinaryPackage> out = new ArrayList<>(70_000);
        Map<String, String> fields = new HashMap<>();
        String current = null;
        int start = 1;
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            lineNo++;
            if (end == pos || (end == pos + 1 && text.charAt(pos) == '\r')) {
                if (!fields.isEmpty()) {
                    out.add(BinaryPackage.of(new Deb822.Paragraph(start, fields), source, archive));
                    fields.clear();
                }
                current = null;
            } else if (text.charAt(pos) == ' ' || text.charAt(pos) == '\t') {
                if (current != null) {
                    fields.merge(current, text.substring(pos, end).strip(), (a, b) -> a + "\n" + b);
                }
            } else {
                int colon = text.indexOf(':', pos);
                if (colon < 0 || colon > end) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": expected 'Field: value'");
                }
                if (fields.isEmpty()) {
                    start = lineNo;
                }
                String name = WANTED.get(text.substring(pos, colon).toLowerCase(java.util.Locale.ROOT));
                current = name;
                if (name != null) {
                    fields.put(name, text.substring(colon + 1, end).strip());
                }
            }
            pos = end + 1;
        }
        if (!fields.isEmpty()) {
            out.add(BinaryPackage.of(new Deb822.Paragraph(start, fields), source, archive));
        }
        return out;
    }
}
