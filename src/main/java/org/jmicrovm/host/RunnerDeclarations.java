package org.jmicrovm.host;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jmicrovm.build.runner.RunnerLayout;
import org.jmicrovm.host.plan.DeclarationDiff;
import org.jmicrovm.host.plan.Planner.RunnerComparison;

/**
 * Compares two runners by the declarations they were built from ({@code share/microvm/declaration.json}), for
 * {@code plan} and {@code switch}: the lines say what a restart onto the new runner changes for the guest.
 */
public final class RunnerDeclarations implements RunnerComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "jmicrovm.declarationVersion";
    /** The most lines told per VM. */
    static final int MOST = 25;

    @Override
    public List<String> changes(Path from, Path to) {
        Map<String, Object> before;
        Map<String, Object> after;
        try {
            before = read(from);
            after = read(to);
        } catch (IOException e) {
            return List.of("(no details: " + e.getMessage() + ")");
        }
        if (before == null) {
            return List.of("(no details: " + from + " was built before runners recorded their declaration)");
        }
        if (after == null) {
            return List.of("(no details: " + to + " records no declaration; it was not built by this jmicrovm)");
        }
        if (!Objects.equals(before.get(VERSION), after.get(VERSION))) {
            return List.of("(no details: the runners record their declarations in different versions)");
        }
        List<String> changes = DeclarationDiff.between(before, after);
        if (changes.isEmpty()) {
            return List.of("same declaration; the build differs (a package from the archive, the kernel, or jmicrovm)");
        }
        if (changes.size() > MOST) {
            // a plan of many VMs stays readable
            List<String> shown = new java.util.ArrayList<>(changes.subList(0, MOST - 1));
            shown.add("… and " + (changes.size() - MOST + 1) + " more changes");
            return shown;
        }
        return changes;
    }

    /** The declaration of a runner, or null when it has none. */
    private static Map<String, Object> read(Path runner) throws IOException {
        Path file = runner.resolve(RunnerLayout.DECLARATION);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
