package org.jmicrovm.flake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A flake reference as jmicrovm accepts it: local only, since hosts may be offline.
 * <ul>
 *   <li>{@code path:/abs/dir} and plain directories ({@code /abs/dir}, {@code ./dir}): the
 *       directory as it is, uncommitted files included;</li>
 *   <li>{@code git+file:///abs/repo[?ref=R][&rev=C][&dir=sub]}: the committed tree of a git
 *       repository (HEAD, a branch or tag, or a commit), read with JGit.</li>
 * </ul>
 * A relative directory is resolved against the caller's working directory (microvm.nix
 * resolves it inside a temporary directory, its issue #538).
 */
public sealed interface FlakeRef {

    /** The reference as text, as it is written to {@code S/<name>/flake}. */
    String text();

    /** The flake in a directory below this one's ({@code relative} has no {@code ..}). */
    default FlakeRef subdirectory(String relative) {
        if (relative.isEmpty() || relative.equals(".")) {
            return this;
        }
        if (relative.startsWith("/") || java.util.Arrays.asList(relative.split("/")).contains("..")) {
            throw new FlakeException("'" + relative + "' is not a directory inside flake " + text());
        }
        String sub = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        return switch (this) {
            case PathFlake p -> new PathFlake(p.directory().resolve(sub).normalize());
            case GitFlake g -> new GitFlake(g.repository(), g.ref(), g.rev(),
                    Optional.of(g.dir().map(d -> d.endsWith("/") ? d + sub : d + "/" + sub).orElse(sub)));
        };
    }

    /** The directory the flake is in, on this machine (a git flake's working tree, with its {@code dir}). */
    default Path localDirectory() {
        return switch (this) {
            case PathFlake p -> p.directory();
            case GitFlake g -> g.dir().map(d -> g.repository().resolve(d)).orElse(g.repository()).normalize();
        };
    }

    record PathFlake(Path directory) implements FlakeRef {
        @Override
        public String text() {
            return "path:" + directory;
        }
    }

    record GitFlake(Path repository, Optional<String> ref, Optional<String> rev, Optional<String> dir)
            implements FlakeRef {
        @Override
        public String text() {
            StringBuilder query = new StringBuilder();
            ref.ifPresent(r -> query.append(query.isEmpty() ? "?" : "&").append("ref=").append(r));
            rev.ifPresent(r -> query.append(query.isEmpty() ? "?" : "&").append("rev=").append(r));
            dir.ifPresent(d -> query.append(query.isEmpty() ? "?" : "&").append("dir=").append(d));
            return "git+file://" + repository + query;
        }
    }

    /** A reference with its {@code #fragment} (an attribute such as a configuration name). */
    record WithAttribute(FlakeRef flake, Optional<String> attribute) {}

    /** Parses {@code REF} or {@code REF#ATTR}; relative directories are resolved against {@code cwd}. */
    static WithAttribute parseWithAttribute(String text, Path cwd) {
        int hash = text.indexOf('#');
        if (hash < 0) {
            return new WithAttribute(parse(text, cwd), Optional.empty());
        }
        String attribute = text.substring(hash + 1);
        return new WithAttribute(parse(text.substring(0, hash), cwd),
                attribute.isEmpty() ? Optional.empty() : Optional.of(attribute));
    }

    static FlakeRef parse(String text, Path cwd) {
        if (text == null || text.isBlank()) {
            throw new FlakeException("empty flake reference");
        }
        if (text.startsWith("path:")) {
            String rest = text.substring("path:".length());
            int query = rest.indexOf('?');
            if (query >= 0) {
                throw new FlakeException("flake reference '" + text + "': query parameters are not supported for path:");
            }
            return new PathFlake(resolve(rest, cwd, text));
        }
        if (text.startsWith("git+file:")) {
            String rest = text.substring("git+file:".length());
            String location = rest;
            Map<String, String> params = new LinkedHashMap<>();
            int query = rest.indexOf('?');
            if (query >= 0) {
                location = rest.substring(0, query);
                for (String pair : rest.substring(query + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new FlakeException("flake reference '" + text + "': malformed parameter '" + pair + "'");
                    }
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (location.startsWith("//")) {
                location = location.substring(2);
            }
            for (String key : params.keySet()) {
                if (!key.equals("ref") && !key.equals("rev") && !key.equals("dir")) {
                    throw new FlakeException("flake reference '" + text + "': parameter '" + key
                            + "' is not supported (known: ref, rev, dir)");
                }
            }
            return new GitFlake(resolve(location, cwd, text), Optional.ofNullable(params.get("ref")),
                    Optional.ofNullable(params.get("rev")), Optional.ofNullable(params.get("dir")));
        }
        if (text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.equals(".")
                || text.equals("..")) {
            return new PathFlake(resolve(text, cwd, text));
        }
        int colon = text.indexOf(':');
        String scheme = colon > 0 ? text.substring(0, colon) : text;
        throw new FlakeException("flake reference '" + text + "': " + (colon > 0
                ? "the scheme '" + scheme + ":' is not supported by jmicrovm (it works offline)"
                : "flake registry names are not supported by jmicrovm")
                + "; use path:/dir, git+file:///repo, or a directory");
    }

    private static Path resolve(String location, Path cwd, String original) {
        if (location.isEmpty()) {
            throw new FlakeException("flake reference '" + original + "' names no directory");
        }
        return cwd.resolve(location).toAbsolutePath().normalize();
    }
}
