package org.jmicrovm.build.debian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the packages come from. By default the mirror the host's apt uses for the release
 * ({@code /etc/apt/sources.list}, {@code /etc/apt/sources.list.d/*.list} one-line entries and
 * {@code *.sources} deb822 stanzas); when the host has no apt, or none of its entries names the
 * release, {@link #defaults(String)}: {@code http://deb.debian.org/debian} with
 * {@code <release> <release>-updates} and {@code http://deb.debian.org/debian-security} with
 * {@code <release>-security}, component {@code main}.
 *
 * <p>Only URIs, suites and components are taken from apt. The trust anchor is always jmicrovm's own
 * copy of Debian's archive keyring (or one given explicitly), never a key named by the mirror.
 */
public final class AptSources {
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    public static final String DEFAULT_SECURITY = "http://deb.debian.org/debian-security";

    private AptSources() {}

    public static List<AptSource> defaults(String release) {
        return List.of(new AptSource(DEFAULT_MIRROR, List.of(release, release + "-updates"), List.of("main")),
                new AptSource(DEFAULT_SECURITY, List.of(release + "-security"), List.of("main")));
    }

    /** The host's sources for {@code release} below {@code etcApt} (normally /etc/apt), else the defaults. */
    public static List<AptSource> forRelease(Path etcApt, String release) {
        List<AptSource> matching = new ArrayList<>();
        for (AptSource s : read(etcApt)) {
            List<String> suites = s.suites().stream()
                    .filter(x -> x.equals(release) || x.startsWith(release + "-")).toList();
            List<String> components = s.components().stream().filter(c -> c.equals("main")).toList();
            if (!suites.isEmpty() && !components.isEmpty()) {
                matching.add(new AptSource(s.uri(), suites, components));
            }
        }
        return matching.isEmpty() ? defaults(release) : List.copyOf(matching);
    }

    /** Every enabled {@code deb} entry apt reads below {@code etcApt}. */
    public static List<AptSource> read(Path etcApt) {
        List<AptSource> out = new ArrayList<>();
        try {
            Path list = etcApt.resolve("sources.list");
            if (Files.isRegularFile(list)) {
                out.addAll(parseOneLine(list.toString(), Files.readString(list)));
            }
            Path dir = etcApt.resolve("sources.list.d");
            if (Files.isDirectory(dir)) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    ds.forEach(files::add);
                }
                files.sort(null); // apt reads them in lexical order
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".list")) {
                        out.addAll(parseOneLine(f.toString(), Files.readString(f)));
                    } else if (name.endsWith(".sources")) {
                        out.addAll(parseDeb822(f.toString(), Files.readString(f)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read apt's sources below " + etcApt + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code deb [options] uri suite component...} lines. */
    static List<AptSource> parseOneLine(String file, String text) {
        List<AptSource> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.replaceAll("\\[[^]]*]", " ").strip(); // options such as [signed-by=… arch=…]
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (!f[0].equals("deb")) {
                continue; // deb-src
            }
            if (f.length < 4) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'deb URI SUITE COMPONENT…'");
            }
            out.add(new AptSource(f[1], List.of(f[2]), Arrays.asList(f).subList(3, f.length)));
        }
        return out;
    }

    /** deb822 stanzas with Types, URIs, Suites, Components and optional Enabled. */
    static List<AptSource> parseDeb822(String file, String text) {
        List<AptSource> out = new ArrayList<>();
        for (Deb822.Paragraph p : Deb822.parse(file, text)) {
            if (!words(p.get("Types").orElse("")).contains("deb")
                    || p.get("Enabled").map(e -> e.equalsIgnoreCase("no")).orElse(false)) {
                continue;
            }
            List<String> suites = words(p.require(file, "Suites"));
            List<String> components = words(p.get("Components").orElse(""));
            for (String uri : words(p.require(file, "URIs"))) {
                out.add(new AptSource(uri, suites, components));
            }
        }
        return out;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }
}
