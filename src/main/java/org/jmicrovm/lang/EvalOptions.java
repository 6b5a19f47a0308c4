package org.jmicrovm.lang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jmicrovm.lang.eval.ImportProvider;
import org.jmicrovm.lang.eval.StoreAdapter;
import org.jmicrovm.lang.eval.StorePaths;
import org.jmicrovm.lang.eval.Value;

/**
 * Everything an evaluation depends on besides the Nix code itself, so that tests and the
 * host layer control the evaluator's contact with the outside world.
 *
 * @param searchPath {@code -I} entries, searched before those of {@code NIX_PATH}
 * @param environment what {@code builtins.getEnv} sees, and where {@code NIX_PATH} is read
 * @param homeDir the directory {@code ~/...} paths are relative to
 * @param currentSystem {@code builtins.currentSystem}, e.g. {@code x86_64-linux}
 * @param extraScope variables added to the outermost scope of every file (e.g. {@code microvm})
 * @param extraBuiltins attributes added to {@code builtins} (Java-implemented primops, constants)
 * @param providedImports Java-provided values for paths (see {@link ImportProvider}); keys are absolute
 * @param traceSink receives the lines of {@code builtins.trace} and warnings
 * @param store how paths become store paths when used as strings
 */
public record EvalOptions(
        List<SearchPathEntry> searchPath,
        Map<String, String> environment,
        Path homeDir,
        String currentSystem,
        Map<String, Value> extraScope,
        Map<String, Value> extraBuiltins,
        Map<Path, ImportProvider> providedImports,
        Consumer<String> traceSink,
        StoreAdapter store) {

    public EvalOptions {
        searchPath = List.copyOf(searchPath);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(homeDir, "homeDir");
        Objects.requireNonNull(currentSystem, "currentSystem");
        extraScope = copyOrdered(extraScope);
        extraBuiltins = copyOrdered(extraBuiltins);
        providedImports = copyOrdered(providedImports);
        Objects.requireNonNull(traceSink, "traceSink");
        Objects.requireNonNull(store, "store");
    }

    private static <K, V> Map<K, V> copyOrdered(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The real environment of this process, the user's home, and the machine's system. */
    public static EvalOptions defaults() {
        // Nix expands ~ with $HOME, so the home directory follows the environment.
        String home = System.getenv("HOME");
        return new EvalOptions(List.of(), System.getenv(), Path.of(home != null ? home : System.getProperty("user.home")),
                hostSystem(), Map.of(), Map.of(), Map.of(), line -> System.err.println(line),
                StorePaths.computeOnly());
    }

    /** Like {@link #defaults()} but with an empty environment: nothing depends on the caller's shell. */
    public static EvalOptions isolated() {
        return defaults().withEnvironment(Map.of());
    }

    /** The Nix system name of this machine, e.g. {@code x86_64-linux}. */
    public static String hostSystem() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "i686";
            default -> System.getProperty("os.arch");
        };
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("mac") ? "darwin" : "linux";
        return arch + "-" + os;
    }

    /** The search path as Nix uses it: the {@code -I} entries, then those of {@code NIX_PATH}. */
    public List<SearchPathEntry> effectiveSearchPath() {
        List<SearchPathEntry> out = new ArrayList<>(searchPath);
        out.addAll(SearchPathEntry.parseNixPath(environment.get("NIX_PATH")));
        return out;
    }

    public EvalOptions withSearchPath(List<SearchPathEntry> entries) {
        return new EvalOptions(entries, environment, homeDir, currentSystem, extraScope, extraBuiltins,
                providedImports, traceSink, store);
    }

    public EvalOptions withEnvironment(Map<String, String> env) {
        return new EvalOptions(searchPath, env, homeDir, currentSystem, extraScope, extraBuiltins,
                providedImports, traceSink, store);
    }

    public EvalOptions withHomeDir(Path home) {
        return new EvalOptions(searchPath, environment, home, currentSystem, extraScope, extraBuiltins,
                providedImports, traceSink, store);
    }

    public EvalOptions withCurrentSystem(String system) {
        return new EvalOptions(searchPath, environment, homeDir, system, extraScope, extraBuiltins,
                providedImports, traceSink, store);
    }

    public EvalOptions withExtraScope(Map<String, Value> scope) {
        return new EvalOptions(searchPath, environment, homeDir, currentSystem, scope, extraBuiltins,
                providedImports, traceSink, store);
    }

    public EvalOptions withExtraBuiltins(Map<String, Value> builtins) {
        return new EvalOptions(searchPath, environment, homeDir, currentSystem, extraScope, builtins,
                providedImports, traceSink, store);
    }

    public EvalOptions withProvidedImports(Map<Path, ImportProvider> provided) {
        return new EvalOptions(searchPath, environment, homeDir, currentSystem, extraScope, extraBuiltins,
                provided, traceSink, store);
    }

    public EvalOptions withTraceSink(Consumer<String> sink) {
        return new EvalOptions(searchPath, environment, homeDir, currentSystem, extraScope, extraBuiltins,
                providedImports, sink, store);
    }

    public EvalOptions withStore(StoreAdapter adapter) {
        return new EvalOptions(searchPath, environment, homeDir, currentSystem, extraScope, extraBuiltins,
                providedImports, traceSink, adapter);
    }
}
