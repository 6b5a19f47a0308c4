package org.jmicrovm.host;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.state.Links;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;

/**
 * The VMs the last switch declared, with how they are installed: kept in the state
 * directory so the next switch can tell a removed VM from an imperative one, and so that
 * {@code export-systemd} can write the install units.
 */
public final class DeclaredVms {

    /** How a declared VM is installed: every switch, or only if its directory is missing. */
    public enum Mode { CONFIG, FLAKE, FLAKE_WITH_UPDATE }

    public record Entry(String name, Mode mode, String runner, String toplevel, String flake,
                        boolean restartIfChanged) {

        public static Entry of(DesiredVm vm) {
            return switch (vm) {
                case DesiredVm.FullyDeclarative d -> new Entry(d.name().value(), Mode.CONFIG, d.runner().toString(),
                        d.toplevel().toString(), null, d.restartIfChanged());
                case DesiredVm.FlakeDeployment f -> new Entry(f.name().value(),
                        f.updateFlake().isPresent() ? Mode.FLAKE_WITH_UPDATE : Mode.FLAKE, f.runner().toString(),
                        null, f.flakeRefToWrite(), f.restartIfChanged());
            };
        }

        public Optional<Path> toplevelPath() {
            return Optional.ofNullable(toplevel).map(Path::of);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeclaredVms() {}

    public static Path file(StateDirectory state) {
        return state.bookkeeping().resolve("declared-vms.json");
    }

    public static List<Entry> read(StateDirectory state) throws IOException {
        Path file = file(state);
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
    }

    public static List<String> readNames(StateDirectory state) throws IOException {
        return read(state).stream().map(Entry::name).toList();
    }

    public static void write(StateDirectory state, Collection<Entry> entries) throws IOException {
        Files.createDirectories(state.bookkeeping());
        List<Entry> sorted = entries.stream().sorted(java.util.Comparator.comparing(Entry::name)).toList();
        Links.writeAtomically(file(state), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted) + "\n");
    }

    /** VMs a switch removed from the declaration whose directories still exist: candidates for gc. */
    public static Path removedFile(StateDirectory state) {
        return state.bookkeeping().resolve("removed-vms.json");
    }

    public static List<String> readRemoved(StateDirectory state) throws IOException {
        Path file = removedFile(state);
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<String>>() {});
    }

    /** Records VMs that left the declaration (added to those already recorded); drops re-declared ones. */
    public static void recordRemoved(StateDirectory state, Collection<String> removed, Collection<String> declaredNow)
            throws IOException {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(readRemoved(state));
        names.addAll(removed);
        names.removeAll(declaredNow);
        writeRemoved(state, names);
    }

    public static void forgetRemoved(StateDirectory state, VmName name) throws IOException {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(readRemoved(state));
        names.remove(name.value());
        writeRemoved(state, names);
    }

    private static void writeRemoved(StateDirectory state, Collection<String> names) throws IOException {
        Files.createDirectories(state.bookkeeping());
        Links.writeAtomically(removedFile(state), JSON.writeValueAsString(List.copyOf(names)) + "\n");
    }

    static boolean isDeclared(Collection<Entry> entries, VmName name) {
        return entries.stream().anyMatch(e -> e.name().equals(name.value()));
    }
}
