package org.jmicrovm.build.runner;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The accelerator a qemu runner uses, and why: KVM on a host that can run the guest natively, TCG (qemu's
 * instruction translator) otherwise. Decided when the runner is built, because it changes the command line.
 *
 * @param kind   KVM or TCG
 * @param reason a sentence for the user: why this one
 * @param tscKhz the host TSC frequency, for {@code tsc_early_khz=} under TCG (x86 guests on {@code -M microvm}
 *               fail to calibrate their clock about one boot in seven without it); empty when unknown
 */
public record Accelerator(Kind kind, String reason, OptionalLong tscKhz) {

    public enum Kind { KVM, TCG }

    /** What the user asked for: {@code MICROVM_ACCEL=auto|kvm|tcg}. */
    public enum Choice {
        AUTO, KVM, TCG;

        public static final String ENVIRONMENT_VARIABLE = "MICROVM_ACCEL";

        /** Reads {@code MICROVM_ACCEL}; unset or empty means {@code auto}. */
        public static Choice fromEnvironment(Map<String, String> environment) {
            String value = environment.getOrDefault(ENVIRONMENT_VARIABLE, "");
            if (value.isBlank()) return AUTO;
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "kvm" -> KVM;
                case "tcg" -> TCG;
                default -> throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + "=" + value
                    + " is not understood; use \"auto\", \"kvm\" or \"tcg\"");
            };
        }
    }

    public Accelerator {
        java.util.Objects.requireNonNull(kind);
        java.util.Objects.requireNonNull(reason);
        java.util.Objects.requireNonNull(tscKhz);
    }

    public static Accelerator kvm(String reason) {
        return new Accelerator(Kind.KVM, reason, OptionalLong.empty());
    }

    public static Accelerator tcg(String reason, OptionalLong tscKhz) {
        return new Accelerator(Kind.TCG, reason, tscKhz);
    }

    public boolean isKvm() {
        return kind == Kind.KVM;
    }
}
