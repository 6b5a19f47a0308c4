package org.jmicrovm.build.runner;

import java.util.Objects;

/**
 * How a hypervisor handles a {@link Feature}.
 *
 * @param level what happens when a spec uses it
 * @param note  why, or what to do instead (shown in the diagnostic)
 */
public record Support(Level level, String note) {

    public enum Level {
        /** Works. */
        YES,
        /** Evaluation error: the runner cannot be built. */
        NO,
        /** Built, with a warning: the feature is ignored or degraded. */
        WARN
    }

    public Support {
        Objects.requireNonNull(level);
        Objects.requireNonNull(note);
    }

    public static Support yes() {
        return new Support(Level.YES, "");
    }

    public static Support no(String note) {
        return new Support(Level.NO, note);
    }

    public static Support warn(String note) {
        return new Support(Level.WARN, note);
    }
}
