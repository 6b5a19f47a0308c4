package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A kernel's module dependency table in depmod's {@code modules.dep} format
 * ({@code kernel/a/x.ko: kernel/b/y.ko kernel/c/z.ko}, every line listing all transitive
 * dependencies), plus the modules built into the kernel from {@code modules.builtin}.
 * Debian's kernel packages ship no modules.dep (the postinst runs depmod), so {@link #generate}
 * computes it from each module's {@code .modinfo depends=} field.
 */
public final class ModulesDep {
    /** Module name (dashes read as underscores, as the kernel does) → path relative to the modules dir. */
    private final Map<String, String> paths;
    /** Module path → paths of its transitive dependencies. */
    private final Map<String, List<String>> deps;
    private final Set<String> builtin;

    private ModulesDep(Map<String, String> paths, Map<String, List<String>> deps, Set<String> builtin) {
        this.paths = paths;
        this.deps = deps;
        this.builtin = builtin;
    }

    public static String moduleName(String pathOrName) {
        String base = pathOrName.substring(pathOrName.lastIndexOf('/') + 1);
        if (base.endsWith(".ko")) {
            base = base.substring(0, base.length() - 3);
        }
        return base.replace('-', '_');
    }

    /** Reads the {@code depends=} of every {@code .ko} below {@code modulesDir} and writes {@code modules.dep}. */
    public static ModulesDep generate(Path modulesDir) throws IOException {
        Map<String, String> pathsByName = new TreeMap<>();
        Map<String, List<String>> direct = new TreeMap<>();
        List<Path> kos;
        try (Stream<Path> s = Files.walk(modulesDir)) {
            kos = s.filter(p -> p.getFileName().toString().endsWith(".ko")).sorted().toList();
        }
        for (Path ko : kos) {
            String rel = modulesDir.relativize(ko).toString();
            pathsByName.put(moduleName(rel), rel);
        }
        for (Path ko : kos) {
            String rel = modulesDir.relativize(ko).toString();
            String depends = ElfFile.modinfoValue(ko, "depends").orElse("");
            List<String> names = new ArrayList<>();
            for (String d : depends.split(",")) {
                if (!d.isBlank()) {
                    names.add(moduleName(d.strip()));
                }
            }
            direct.put(rel, names);
        }
        StringBuilder text = new StringBuilder();
        for (String rel : direct.keySet()) {
            List<String> closure = transitive(rel, direct, pathsByName);
            text.append(rel).append(':');
            for (String d : closure) {
                text.append(' ').append(d);
            }
            text.append('\n');
        }
        Files.writeString(modulesDir.resolve("modules.dep"), text.toString(), StandardCharsets.UTF_8);
        return read(modulesDir);
    }

    /** The dependencies of {@code rel}, those loaded last first (depmod's order: load right to left). */
    private static List<String> transitive(String rel, Map<String, List<String>> direct, Map<String, String> paths) {
        LinkedHashSet<String> loadOrder = new LinkedHashSet<>();
        visit(rel, direct, paths, loadOrder, new LinkedHashSet<>());
        loadOrder.remove(rel);
        List<String> out = new ArrayList<>(loadOrder);
        java.util.Collections.reverse(out);
        return out;
    }

    private static void visit(String rel, Map<String, List<String>> direct, Map<String, String> paths,
                              Set<String> done, Set<String> active) {
        if (done.contains(rel) || !active.add(rel)) {
            return; // already placed, or a cycle (the kernel refuses those anyway)
        }
        for (String name : direct.getOrDefault(rel, List.of())) {
            String dep = paths.get(name);
            if (dep != null) {
                visit(dep, direct, paths, done, active);
            }
        }
        active.remove(rel);
        done.add(rel);
    }

    public static ModulesDep read(Path modulesDir) throws IOException {
        Map<String, String> paths = new TreeMap<>();
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (String line : Files.readAllLines(modulesDir.resolve("modules.dep"), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String rel = line.substring(0, colon).strip();
            String rest = line.substring(colon + 1).strip();
            paths.put(moduleName(rel), rel);
            deps.put(rel, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
        }
        Set<String> builtin = new LinkedHashSet<>();
        Path builtinFile = modulesDir.resolve("modules.builtin");
        if (Files.exists(builtinFile)) {
            for (String line : Files.readAllLines(builtinFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    builtin.add(moduleName(line.strip()));
                }
            }
        }
        return new ModulesDep(paths, deps, builtin);
    }

    /** Every module {@code rel} (a path as {@link #resolve} returns) depends on, as modules.dep lists them. */
    public List<String> dependencies(String rel) {
        return deps.getOrDefault(rel, List.of());
    }

    public boolean isBuiltin(String name) {
        return builtin.contains(moduleName(name));
    }

    public boolean isModule(String name) {
        return paths.containsKey(moduleName(name));
    }

    /**
     * The module files to load, in load order, for the wanted module names and everything they
     * depend on. Modules built into the kernel are skipped; a name that is neither a module nor
     * built in is an error naming the kernel.
     */
    public List<String> resolve(Collection<String> wanted, String kernelRelease) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            String name = moduleName(w);
            String rel = paths.get(name);
            if (rel == null) {
                if (!builtin.contains(name)) {
                    missing.add(w);
                }
                continue;
            }
            List<String> ds = new ArrayList<>(deps.getOrDefault(rel, List.of()));
            java.util.Collections.reverse(ds); // modules.dep lists them to be loaded right to left
            order.addAll(ds);
            order.add(rel);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("kernel " + kernelRelease + " has no module and no built-in driver for "
                    + String.join(", ", missing));
        }
        return List.copyOf(order);
    }
}
