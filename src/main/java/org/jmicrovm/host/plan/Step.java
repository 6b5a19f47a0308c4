package org.jmicrovm.host.plan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One thing a switch does to one VM. Steps are data: {@code plan} prints them, {@code switch}
 * carries them out in order.
 */
public sealed interface Step {

    /** What a person reads in {@code microvm-host plan}. */
    String describe();

    /** True when the step changes the VM's directory (links, flake file). */
    default boolean touchesState() {
        return false;
    }

    /** True when the step stops a running guest (a restart or a stop). */
    default boolean interruptsGuest() {
        return false;
    }

    /** Create {@code S/<name>/} with its links, atomically (it did not exist). */
    record CreateDirectory(Path runner, Optional<Path> toplevel, Optional<String> flakeRef) implements Step {
        @Override
        public String describe() {
            return "install: create the VM directory with current -> " + runner
                    + toplevel.map(t -> ", toplevel -> " + t).orElse("")
                    + flakeRef.map(f -> ", flake = " + f).orElse("");
        }

        @Override
        public boolean touchesState() {
            return true;
        }
    }

    /** Move {@code current} (and {@code toplevel}) to the new build. */
    record SetCurrent(Optional<Path> from, Path to, Optional<Path> toplevel) implements Step {
        @Override
        public String describe() {
            return "update: current " + from.map(Path::toString).orElse("(missing)") + " -> " + to
                    + toplevel.map(t -> ", toplevel -> " + t).orElse("");
        }

        @Override
        public boolean touchesState() {
            return true;
        }
    }

    /** Rewrite the {@code flake} file. */
    record WriteFlakeRef(Optional<String> from, String to) implements Step {
        @Override
        public String describe() {
            return "update: flake " + from.orElse("(missing)") + " -> " + to;
        }

        @Override
        public boolean touchesState() {
            return true;
        }
    }

    /** Gracefully stop the running instance and start it again from {@code current}. */
    record Restart(String reason) implements Step {
        @Override
        public String describe() {
            return "restart: " + reason;
        }

        @Override
        public boolean interruptsGuest() {
            return true;
        }
    }

    record Start(String reason) implements Step {
        @Override
        public String describe() {
            return "start: " + reason;
        }
    }

    /** Gracefully stop the running instance; the directory and volumes stay. */
    record Stop(String reason) implements Step {
        @Override
        public String describe() {
            return "stop: " + reason;
        }

        @Override
        public boolean interruptsGuest() {
            return true;
        }
    }
}
