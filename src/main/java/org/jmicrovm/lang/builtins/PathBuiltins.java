package org.jmicrovm.lang.builtins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.SearchPathEntry;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Paths;
import org.jmicrovm.lang.eval.StorePaths;
import org.jmicrovm.lang.eval.Value;

/** Files, paths, imports and the environment. */
final class PathBuiltins {

    private PathBuiltins() {}

    static void register(Registry r) {
        r.globalPrimop("import", 1, (ev, a, pos) -> {
            String path = ev.coerceToPath(a[0].force(), pos);
            try {
                return ev.importPath(path, pos);
            } catch (org.jmicrovm.lang.parse.ParseException e) {
                throw e;
            } catch (org.jmicrovm.lang.NixException e) {
                Path p = Path.of(ByteStrings.toText(path));
                Path file = Files.isDirectory(p) ? p.resolve("default.nix") : p;
                EvalError.frame(e, Pos.NONE, "while evaluating the file '" + file + "':");
                throw e;
            }
        });
        r.globalPrimop("scopedImport", 2, (ev, a, pos) -> {
            NixAttrs scope = Force.attrs(a[0], pos);
            return ev.scopedImport(scope, ev.coerceToPath(a[1].force(), pos), pos);
        });
        r.primop("readFile", 1, (ev, a, pos) -> {
            Path file = file(ev, a[0], pos);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new EvalError("opening file '" + file + "': No such file or directory", pos);
            } catch (IOException e) {
                throw new EvalError("reading file '" + file + "': " + e.getMessage(), pos);
            }
            for (byte b : bytes) {
                if (b == 0) {
                    throw new EvalError("the contents of the file '" + file + "' cannot be represented as a Nix string", pos);
                }
            }
            return Args.str(ByteStrings.fromBytes(bytes));
        });
        r.primop("readDir", 1, (ev, a, pos) -> {
            Path dir = file(ev, a[0], pos);
            NixAttrs.Builder b = NixAttrs.builder();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    String type = Files.isSymbolicLink(e) ? "symlink"
                            : Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) ? "directory"
                            : Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS) ? "regular" : "unknown";
                    b.put(ByteStrings.fromText(e.getFileName().toString()), Args.str(type));
                }
            } catch (NoSuchFileException e) {
                throw new EvalError("opening directory '" + dir + "': No such file or directory", pos);
            } catch (IOException e) {
                throw new EvalError("reading directory '" + dir + "': " + e.getMessage(), pos);
            }
            return b.build();
        });
        r.primop("pathExists", 1, (ev, a, pos) -> {
            Path p = file(ev, a[0], pos);
            return NixBool.of(Files.exists(p, LinkOption.NOFOLLOW_LINKS) || ev.pathExists(p));
        });
        r.globalPrimop("baseNameOf", 1, (ev, a, pos) ->
                Args.str(Paths.baseNameOf(ev.coerceToString(a[0].force(), pos, false, false))));
        r.globalPrimop("dirOf", 1, (ev, a, pos) -> {
            Value v = a[0].force();
            String dir = Paths.dirOf(ev.coerceToString(v, pos, false, false));
            return v instanceof NixPath ? new NixPath(dir) : Args.str(dir);
        });
        r.primop("toPath", 1, (ev, a, pos) -> Args.str(Paths.canonical(ev.coerceToPath(a[0].force(), pos), pos)));
        r.primop("getEnv", 1, (ev, a, pos) -> {
            String name = ByteStrings.toText(Force.string(a[0], pos));
            String value = ev.options().environment().get(name);
            return value == null ? NixString.EMPTY : NixString.ofText(value);
        });
        r.primop("findFile", 2, PathBuiltins::findFile);
        r.primop("path", 1, PathBuiltins::path);
        r.primop("filterSource", 2, (ev, a, pos) -> {
            Path source = file(ev, a[1], pos);
            return Args.str(ByteStrings.fromText(addPath(ev, source, baseName(source), a[0].force(), true, null, pos)));
        });
        r.primop("toFile", 2, (ev, a, pos) -> {
            String name = Force.string(a[0], pos);
            String contents = Force.string(a[1], pos);
            byte[] hash = StorePaths.sha256(ByteStrings.toBytes(contents));
            return Args.str(ByteStrings.fromText(StorePaths.makeStorePath("text", hash, ByteStrings.toText(name))));
        });
    }

    /** The file a path argument names (strings must be absolute paths). */
    static Path file(Evaluator ev, Lazy arg, Pos pos) {
        return Path.of(ByteStrings.toText(ev.coerceToPath(arg.force(), pos)));
    }

    private static Value findFile(Evaluator ev, Lazy[] a, Pos pos) {
        NixList list = Force.list(a[0], pos);
        List<SearchPathEntry> entries = new ArrayList<>();
        for (Lazy e : list.array()) {
            NixAttrs item = Force.attrs(e, pos);
            Lazy prefix = item.get("prefix");
            String p = prefix == null ? "" : Force.string(prefix, pos);
            String path = ev.coerceToString(Args.requireAttr(item, "path", "findFile", pos).force(), pos, false, false);
            entries.add(new SearchPathEntry(ByteStrings.toText(p), ByteStrings.toText(path)));
        }
        return ev.findFile(entries, ByteStrings.toText(Force.string(a[1], pos)), pos);
    }

    /** {@code builtins.path { path, name ?, filter ?, recursive ?, sha256 ? }}. */
    private static Value path(Evaluator ev, Lazy[] a, Pos pos) {
        NixAttrs args = Force.attrs(a[0], pos);
        Path source = null;
        String name = null;
        Value filter = null;
        boolean recursive = true;
        String expected = null;
        for (int i = 0; i < args.size(); i++) {
            Lazy v = args.value(i);
            switch (args.name(i)) {
                case "path" -> source = Path.of(ByteStrings.toText(ev.coerceToPath(v.force(), pos)));
                case "name" -> name = ByteStrings.toText(Force.string(v, pos));
                case "filter" -> filter = Force.callable(v, pos);
                case "recursive" -> recursive = Force.bool(v, pos);
                case "sha256" -> expected = ByteStrings.toText(Force.string(v, pos));
                default -> throw new EvalError("unsupported argument '" + ByteStrings.toText(args.name(i))
                        + "' to 'builtins.path'", pos);
            }
        }
        if (source == null) {
            throw new EvalError("'path' required", pos);
        }
        String storePath = addPath(ev, source, name == null ? baseName(source) : name, filter, recursive, expected, pos);
        return Args.str(ByteStrings.fromText(storePath));
    }

    private static String baseName(Path p) {
        return p.getFileName() == null ? "source" : p.getFileName().toString();
    }

    /** The store path of a path added to the store, computed as Nix computes it; nothing is copied. */
    private static String addPath(Evaluator ev, Path source, String name, Value filter, boolean recursive,
                                  String expectedSha256, Pos pos) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new EvalError("getting status of '" + source + "': No such file or directory", pos);
        }
        byte[] hash;
        try {
            if (recursive) {
                StorePaths.Filter f = filter == null ? (p, t) -> true
                        : (p, t) -> Force.bool(ev.applyAll(filter, new Lazy[] {
                            NixString.ofText(p.toString()), NixString.ofText(t)}, pos), pos);
                hash = StorePaths.sha256(StorePaths.nar(source, f));
            } else {
                hash = StorePaths.sha256(Files.readAllBytes(source));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EvalError("cannot read '" + source + "': " + e.getMessage(), pos);
        }
        if (expectedSha256 != null) {
            String actualHex = java.util.HexFormat.of().formatHex(hash);
            String actual32 = StorePaths.base32(hash);
            if (!expectedSha256.equals(actualHex) && !expectedSha256.equals(actual32)
                    && !expectedSha256.equals("sha256:" + actual32) && !expectedSha256.equals("sha256-"
                    + java.util.Base64.getEncoder().encodeToString(hash))) {
                throw new EvalError("store path mismatch in file downloaded from '" + source + "':\n  wanted: "
                        + expectedSha256 + "\n  got:    sha256:" + actual32, pos);
            }
        }
        return recursive ? StorePaths.makeStorePath("source", hash, name) : StorePaths.flatPath(hash, name);
    }

    /** {@code builtins.nixPath}: the search path as a list of {@code { path, prefix }}. */
    static Value nixPath(List<SearchPathEntry> entries) {
        List<Lazy> out = new ArrayList<>();
        for (SearchPathEntry e : entries) {
            out.add(NixAttrs.builder(2)
                    .put("path", NixString.ofText(e.path()))
                    .put("prefix", NixString.ofText(e.prefix()))
                    .build());
        }
        return NixList.of(out);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
