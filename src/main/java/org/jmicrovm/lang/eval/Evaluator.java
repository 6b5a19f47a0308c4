package org.jmicrovm.lang.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.SearchPathEntry;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;

/**
 * The runtime of one evaluation session: the outermost scope (builtins and extra variables),
 * function application, coercions, imports with their cache, and the search path. It is
 * single-threaded: everything runs on the thread that {@code NixEvaluator} owns.
 */
public final class Evaluator {

    /**
     * Nix 2.8 overflows its C++ stack at ~70 000 nested calls; allow more nested calls and
     * thunk evaluations than that, but stop runaways (see {@link EvalThread}).
     */
    public static final int DEFAULT_MAX_DEPTH = 200_000;

    private final EvalOptions options;
    private final Function<Source, Expr> parser;
    private final Compiler compiler;
    private final Compiler.Scope baseScope;
    private final Env baseEnv;
    private final Map<Path, Lazy> importCache = new HashMap<>();
    private final ParseAhead parseAhead;
    private final List<SearchPathEntry> searchPath;

    /**
     * @param baseScope every variable of the outermost scope, by name (Java text): builtins, their
     *                  {@code __} aliases, extra variables
     * @param parser turns source text into a syntax tree (throws ParseException)
     */
    public Evaluator(EvalOptions options, Map<String, Lazy> baseScope, Function<Source, Expr> parser) {
        this.options = options;
        this.parser = parser;
        this.parseAhead = new ParseAhead(parser);
        this.compiler = new Compiler(this);
        Map<String, Integer> names = new LinkedHashMap<>();
        Lazy[] slots = new Lazy[baseScope.size()];
        int i = 0;
        for (Map.Entry<String, Lazy> e : baseScope.entrySet()) {
            names.put(Compiler.name(e.getKey()), i);
            slots[i++] = e.getValue();
        }
        this.baseEnv = new Env(null, slots);
        this.baseScope = new Compiler.Scope(null, names, baseEnv);
        this.searchPath = options.effectiveSearchPath();
    }

    public EvalOptions options() {
        return options;
    }

    // ----- evaluating source ----------------------------------------------------------

    /** Parses text, compiles it against the outermost scope and evaluates it (to WHNF). */
    public Value evalSource(Source source) {
        return evalExpr(parser.apply(source));
    }

    public Value evalExpr(Expr expr) {
        Code code = compiler.compile(expr, baseScope);
        return code.eval(baseEnv);
    }

    /** Evaluates with the attributes of {@code scope} as extra variables (for {@code scopedImport}). */
    public Value evalExpr(Expr expr, NixAttrs scope) {
        Map<String, Integer> names = new HashMap<>();
        Lazy[] slots = new Lazy[scope.size()];
        for (int i = 0; i < scope.size(); i++) {
            names.put(scope.name(i), i);
            slots[i] = scope.value(i);
        }
        Code code = compiler.compile(expr, Compiler.Scope.of(baseScope, names));
        return code.eval(new Env(baseEnv, slots));
    }

    public Expr parse(Source source) {
        return parser.apply(source);
    }

    /** The value of one outermost-scope variable (e.g. {@code builtins}), or null. */
    public Lazy lookupGlobal(String name) {
        Integer i = baseScope.names().get(ByteStrings.fromText(name));
        return i == null ? null : baseEnv.slots[i];
    }

    // ----- function application -------------------------------------------------------

    /** Applies {@code f} to one argument; {@code pos} is the call site. */
    public Value apply(Value f, Lazy arg, Pos pos) {
        if (f instanceof NixLambda l) {
            return callLambda(l, arg, pos);
        }
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (f instanceof NixPrimOp p) {
            return p.arity() == 1 ? callPrimOp(p, new Lazy[] {arg}, pos) : new NixPrimOpApp(p, new Lazy[] {arg});
        }
        if (f instanceof NixPrimOpApp app) {
            Lazy[] args = new Lazy[app.args().length + 1];
            System.arraycopy(app.args(), 0, args, 0, app.args().length);
            args[args.length - 1] = arg;
            return args.length == app.primOp().arity() ? callPrimOp(app.primOp(), args, pos)
                    : new NixPrimOpApp(app.primOp(), args);
        }
        if (f instanceof NixAttrs a && a.has("__functor")) {
            Value functor = a.get("__functor").force();
            return apply(apply(functor, a, pos), arg, pos);
        }
        throw new EvalError("attempt to call something which is not a function but " + f.describe(), pos);
    }

    /** Applies {@code f} to several arguments in turn ({@code f a b c}). */
    public Value applyAll(Value f, Lazy[] args, Pos pos) {
        if (f instanceof NixPrimOp p && p.arity() == args.length) {
            return callPrimOp(p, args, pos);
        }
        Value v = f;
        for (Lazy a : args) {
            v = apply(v, a, pos);
        }
        return v;
    }

    /** Convenience for Java code: {@code f a b ...} with no call site. */
    public Value call(Lazy f, Lazy... args) {
        return applyAll(f.force(), args, Pos.NONE);
    }

    private Value callLambda(NixLambda l, Lazy arg, Pos pos) {
        LambdaCode code = l.code();
        Env env = code.bind(l.env(), arg, pos);
        EvalThread thread = EvalThread.enterCall(pos);
        try {
            return code.body().eval(env);
        } catch (NixException e) {
            if (e.frameCount() < EvalError.MAX_FRAMES) {
                e.addFrame(code.pos(), "while evaluating " + code.displayName());
                e.addFrame(pos, "from call site");
            }
            throw e;
        } catch (StackOverflowError e) {
            throw new EvalError("stack overflow (possible infinite recursion)", pos);
        } finally {
            EvalThread.exit(thread);
        }
    }

    private Value callPrimOp(NixPrimOp p, Lazy[] args, Pos pos) {
        return p.call(this, args, pos);
    }

    // ----- coercions ------------------------------------------------------------------

    /**
     * Nix's coerceToString, returning a byte string. Strings as they are; paths as their text
     * or (with {@code copyToStore}) their store path; sets through {@code __toString} or
     * {@code outPath}; with {@code coerceMore} (as {@code toString} does) also numbers, booleans,
     * null and lists.
     */
    public String coerceToString(Value v, Pos pos, boolean copyToStore, boolean coerceMore) {
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (v instanceof NixString s) {
            return s.bytes();
        } else if (v instanceof NixPath p) {
            return copyToStore ? copyPathToStore(p.bytes(), pos) : p.bytes();
        } else if (v instanceof NixAttrs a) {
            Lazy toString = a.get("__toString");
            if (toString != null) {
                Value result = apply(toString.force(), a, pos);
                return coerceToString(result, pos, copyToStore, coerceMore);
            }
            Lazy outPath = a.get("outPath");
            if (outPath != null) {
                return coerceToString(outPath.force(), pos, copyToStore, coerceMore);
            }
            throw new EvalError("cannot coerce a set to a string", pos);
        }
        if (coerceMore) {
            // instanceof, not a pattern switch, for start-up: see Compiler.compile
            if (v instanceof NixBool b) {
                return b.value() ? "1" : "";
            } else if (v instanceof NixNull n) {
                return "";
            } else if (v instanceof NixInt i) {
                return Long.toString(i.value());
            } else if (v instanceof NixFloat f) {
                return NixFormat.floatToString(f.value());
            } else if (v instanceof NixList l) {
                EvalThread thread = EvalThread.enter(pos);
                try {
                    return coerceList(l, pos, copyToStore);
                } finally {
                    EvalThread.exit(thread);
                }
            }
        }
        throw new EvalError("cannot coerce " + v.describe() + " to a string", pos);
    }

    private String coerceList(NixList l, Pos pos, boolean copyToStore) {
        {
            {
                {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < l.size(); i++) {
                        Value e = l.get(i).force();
                        sb.append(coerceToString(e, pos, copyToStore, true));
                        if (i < l.size() - 1 && !(e instanceof NixList el && el.size() == 0)) {
                            sb.append(' ');
                        }
                    }
                    return sb.toString();
                }
            }
        }
    }

    /** Nix's coerceToPath: a string or path that must be absolute; returns the byte string. */
    public String coerceToPath(Value v, Pos pos) {
        String s = coerceToString(v, pos, false, false);
        if (s.isEmpty() || s.charAt(0) != '/') {
            throw new EvalError("string '" + ByteStrings.toText(s) + "' doesn't represent an absolute path", pos);
        }
        return s;
    }

    /** The store path of a path used as a string (see {@link StoreAdapter}). */
    public String copyPathToStore(String pathBytes, Pos pos) {
        Path p = Path.of(ByteStrings.toText(pathBytes));
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new EvalError("getting status of '" + p + "': No such file or directory", pos);
        }
        try {
            return ByteStrings.fromText(options.store().copyToStore(p));
        } catch (java.io.UncheckedIOException e) {
            throw new EvalError("cannot copy '" + p + "' to the store: " + e.getCause().getMessage(), pos);
        }
    }

    // ----- files, imports and the search path -----------------------------------------

    /** Nix's {@code import}: evaluates a file (a directory's default.nix) once and caches its value. */
    public Value importPath(String pathBytes, Pos pos) {
        Path path = Path.of(ByteStrings.toText(pathBytes));
        Value provided = provided(path);
        if (provided != null) {
            return provided;
        }
        Path file = Files.isDirectory(path) ? path.resolve("default.nix") : path;
        Lazy cached = importCache.get(file);
        if (cached == null) {
            cached = new Thunk.Of(pos, () -> evalExpr(parseImported(file, pos)));
            importCache.put(file, cached);
        }
        return cached.force();
    }

    /** An imported file's tree: parsed ahead (see {@link ParseAhead}) or here; the files it names are parsed ahead. */
    private Expr parseImported(Path file, Pos pos) {
        Expr ahead = parseAhead.take(file);
        if (ahead != null) {
            return ahead;
        }
        String text = readText(file, pos);
        parseAhead.namedIn(file, text);
        return parser.apply(Source.ofFile(file, text));
    }

    /** Nix's {@code scopedImport}: not cached, since the scope differs from call to call. */
    public Value scopedImport(NixAttrs scope, String pathBytes, Pos pos) {
        Path path = Path.of(ByteStrings.toText(pathBytes));
        Path file = Files.isDirectory(path) ? path.resolve("default.nix") : path;
        return evalExpr(parser.apply(Source.ofFile(file, readText(file, pos))), scope);
    }

    /** A provided value for this path, if any provided import covers it. */
    private Value provided(Path path) {
        if (options.providedImports().isEmpty()) {
            return null;
        }
        Path abs = path.toAbsolutePath().normalize();
        for (Map.Entry<Path, ImportProvider> e : options.providedImports().entrySet()) {
            Path root = e.getKey().toAbsolutePath().normalize();
            if (abs.startsWith(root)) {
                Value v = e.getValue().provide(this, root.relativize(abs).toString());
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Whether a path exists, counting Java-provided paths (and the directories above them). */
    public boolean pathExists(Path path) {
        if (Files.exists(path)) {
            return true;
        }
        Path abs = path.toAbsolutePath().normalize();
        for (Path root : options.providedImports().keySet()) {
            Path r = root.toAbsolutePath().normalize();
            if (abs.startsWith(r) || r.startsWith(abs)) {
                return true;
            }
        }
        return false;
    }

    public static String readText(Path file, Pos pos) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EvalError("getting status of '" + file + "': No such file or directory", pos);
        } catch (IOException e) {
            throw new EvalError("cannot read '" + file + "': " + e.getMessage(), pos);
        }
    }

    /** {@code <path>}: the first search path entry under which it exists. */
    public Value findFile(String path, Pos pos) {
        return findFile(searchPath, path, pos);
    }

    public Value findFile(List<SearchPathEntry> entries, String path, Pos pos) {
        for (SearchPathEntry entry : entries) {
            String suffix;
            if (entry.prefix().isEmpty()) {
                suffix = "/" + path;
            } else {
                String prefix = entry.prefix();
                if (!path.startsWith(prefix) || path.length() > prefix.length() && path.charAt(prefix.length()) != '/') {
                    continue;
                }
                suffix = path.length() == prefix.length() ? "" : "/" + path.substring(prefix.length() + 1);
            }
            if (entry.path().contains("://")) {
                continue; // URLs would be downloaded by Nix; jmicrovm never fetches
            }
            Path base = Path.of(entry.path()).toAbsolutePath();
            Path candidate = Path.of(base + suffix);
            if (pathExists(candidate)) {
                return new NixPath(Paths.canonical(ByteStrings.fromText(candidate.toString()), pos));
            }
        }
        throw new ThrownError("file '" + path
                + "' was not found in the Nix search path (add it using $NIX_PATH or -I)", pos);
    }

    public List<SearchPathEntry> searchPath() {
        return searchPath;
    }

    // ----- positions and tracing ------------------------------------------------------

    /**
     * {@code { file, line, column }} for a position, as {@code __curPos} and
     * {@code unsafeGetAttrPos} give it. Like Nix 2.8, the "file" of code given as a string is
     * that string's text.
     */
    public Value positionValue(Pos pos) {
        if (pos == null || !pos.isKnown()) {
            return NixNull.NULL;
        }
        Source src = pos.source();
        String file = src.file() != null ? src.file().toString() : src.text();
        return NixAttrs.builder(3)
                .put("column", NixInt.of(pos.column()))
                .put("file", NixString.ofText(file))
                .put("line", NixInt.of(pos.line()))
                .build();
    }

    /** A position inside a message, as Nix 2.8 writes it: {@code /file.nix:3:5} or {@code (string):1:9}. */
    public static String showPos(Pos pos) {
        if (pos == null || !pos.isKnown()) {
            return "undefined position";
        }
        String file = pos.source().file() != null ? pos.source().file().toString() : "(string)";
        return file + ":" + pos.line() + ":" + pos.column();
    }

    /** Writes a line of {@code builtins.trace} output or a warning. */
    public void trace(String line) {
        options.traceSink().accept(line);
    }

    // ----- deep forcing ---------------------------------------------------------------

    /** Forces a value and everything inside it (Nix's forceValueDeep / deepSeq). */
    public Value forceDeep(Lazy lazy) {
        Value v = lazy.force();
        forceDeepInner(v, new java.util.IdentityHashMap<>());
        return v;
    }

    private void forceDeepInner(Value v, java.util.IdentityHashMap<Object, Boolean> seen) {
        if (!(v instanceof NixAttrs) && !(v instanceof NixList)) {
            return;
        }
        EvalThread thread = EvalThread.enter(Pos.NONE);
        try {
            forceDeepContainer(v, seen);
        } finally {
            EvalThread.exit(thread);
        }
    }

    private void forceDeepContainer(Value v, java.util.IdentityHashMap<Object, Boolean> seen) {
        // instanceof, not a pattern switch, for start-up: see Compiler.compile
        if (v instanceof NixAttrs a) {
            if (seen.put(a, Boolean.TRUE) != null) {
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                try {
                    forceDeepInner(a.value(i).force(), seen);
                } catch (NixException e) {
                    Pos p = a.position(i);
                    if (p.isKnown()) {
                        EvalError.frame(e, p, "while evaluating the attribute '"
                                + ByteStrings.toText(a.name(i)) + "'");
                    }
                    throw e;
                }
            }
        } else if (v instanceof NixList l) {
            if (seen.put(l, Boolean.TRUE) != null) {
                return;
            }
            for (int i = 0; i < l.size(); i++) {
                forceDeepInner(l.force(i), seen);
            }
        }
    }
}
