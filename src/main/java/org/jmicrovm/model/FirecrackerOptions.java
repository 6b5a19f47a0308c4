package org.jmicrovm.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code microvm.firecracker.*}. JSON-valued options hold plain JSON trees: {@link Map} (string keys),
 * {@link List}, {@link String}, {@link Number}, {@link Boolean}, or {@code null} inside maps.
 *
 * @param cpu           the {@code cpu-config} document, if any
 * @param driveIoEngine {@code Async} or {@code Sync}
 * @param extraArgs     appended to the command line
 * @param extraConfig   merged into the generated config the way {@code lib.recursiveUpdate} does
 */
public record FirecrackerOptions(Optional<Map<String, Object>> cpu, DriveIoEngine driveIoEngine,
                                 List<String> extraArgs, Map<String, Object> extraConfig) {

    public enum DriveIoEngine {
        ASYNC("Async"), SYNC("Sync");

        private final String nixName;

        DriveIoEngine(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static DriveIoEngine fromNixName(String s) {
            return Enums.byNixName(values(), DriveIoEngine::nixName, s, "microvm.firecracker.driveIoEngine");
        }

        @Override public String toString() { return nixName; }
    }

    public FirecrackerOptions {
        cpu = Require.optional(cpu, "microvm.firecracker.cpu").map(m -> JsonTree.copy(m, "microvm.firecracker.cpu"));
        Require.present(driveIoEngine, "microvm.firecracker.driveIoEngine");
        extraArgs = Require.list(extraArgs, "microvm.firecracker.extraArgs");
        extraConfig = JsonTree.copy(extraConfig, "microvm.firecracker.extraConfig");
    }

    public static FirecrackerOptions defaults() {
        return new FirecrackerOptions(Optional.empty(), DriveIoEngine.ASYNC, List.of(), Map.of());
    }
}
