package org.jmicrovm.build.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;

/**
 * Decides KVM or TCG for a qemu guest by looking at the host. Only files are read, below a root directory
 * that tests replace, so the decision is testable without the hardware it is about.
 *
 * <p>Why not trust {@code /dev/kvm}: on PVM hosts (the {@code kvm_pvm} module, used to nest VMs inside cloud
 * VMs) {@code /dev/kvm} exists and {@code KVM_CREATE_VM} works, yet only PVM-enabled guest kernels run at
 * native speed; a stock kernel aborts with {@code -cpu host} or crawls in the instruction emulator. Real
 * hardware virtualisation shows as {@code vmx} (Intel) or {@code svm} (AMD) in {@code /proc/cpuinfo}.
 */
public final class AcceleratorProbe {
    private static final Pattern FLAGS = Pattern.compile("(?m)^flags\\s*:(.*)$");
    private static final Pattern CPU_MHZ = Pattern.compile("(?m)^cpu MHz\\s*:\\s*([0-9.]+)");

    private final Path root;
    private final String hostArch;

    /**
     * @param root     the file-system root to read ({@code /} on a real host)
     * @param hostArch the host CPU as {@code uname -m} prints it ({@code x86_64}, {@code aarch64})
     */
    public AcceleratorProbe(Path root, String hostArch) {
        this.root = root;
        this.hostArch = hostArch;
    }

    /** The probe of this machine. */
    public static AcceleratorProbe ofThisHost() {
        String arch = System.getProperty("os.arch");
        return new AcceleratorProbe(Path.of("/"), switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        });
    }

    /** The accelerator for {@code spec} under the user's {@code choice}. */
    public Accelerator resolve(Accelerator.Choice choice, MicroVmSpec spec) {
        return resolve(choice, spec.platform(), spec.resources().cpu());
    }

    public Accelerator resolve(Accelerator.Choice choice, Platform guest, Optional<String> emulatedCpu) {
        OptionalLong tsc = guest == Platform.X86_64_LINUX ? tscKhz() : OptionalLong.empty();
        if (choice == Accelerator.Choice.TCG) {
            return Accelerator.tcg(Accelerator.Choice.ENVIRONMENT_VARIABLE + "=tcg forces TCG", tsc);
        }
        if (emulatedCpu.isPresent()) {
            // microvm.nix: setting microvm.cpu means "emulate this CPU", which only TCG can do.
            return Accelerator.tcg("microvm.cpu = \"" + emulatedCpu.get() + "\" asks for an emulated CPU", tsc);
        }
        if (!guest.cpuArch().equals(hostArch)) {
            return Accelerator.tcg("the guest is " + guest.cpuArch() + " and the host is " + hostArch
                + ": a foreign architecture is emulated", tsc);
        }
        if (choice == Accelerator.Choice.KVM) {
            return Accelerator.kvm(Accelerator.Choice.ENVIRONMENT_VARIABLE + "=kvm forces KVM"
                + kvmProblem().map(p -> " (although " + p + ")").orElse(""));
        }
        Optional<String> problem = kvmProblem();
        return problem.isPresent()
            ? Accelerator.tcg(problem.get() + "; using TCG (slower, but it runs any kernel)", tsc)
            : Accelerator.kvm("/dev/kvm is usable and the CPU has hardware virtualisation");
    }

    /** Why KVM would not run a stock guest kernel here, or empty if it would. */
    Optional<String> kvmProblem() {
        Path kvm = root.resolve("dev/kvm");
        if (!Files.exists(kvm)) return Optional.of("there is no /dev/kvm (KVM module not loaded or no virtualisation)");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return Optional.of("/dev/kvm is not accessible to this user (join the group that owns it, usually kvm)");
        }
        boolean pvm = Files.isDirectory(root.resolve("sys/module/kvm_pvm"));
        if (hostArch.equals("x86_64")) {
            String flags = cpuFlags();
            boolean hardware = flags.contains(" vmx ") || flags.contains(" svm ");
            if (pvm && !hardware) {
                return Optional.of("/dev/kvm is provided by PVM (/sys/module/kvm_pvm), which runs only PVM-enabled "
                    + "guest kernels; stock kernels abort with -cpu host or crawl in its instruction emulator");
            }
            if (!hardware) return Optional.of("the CPU shows no hardware virtualisation (no vmx or svm flag in /proc/cpuinfo)");
        } else if (pvm) {
            return Optional.of("/dev/kvm is provided by PVM (/sys/module/kvm_pvm), which runs only PVM-enabled guest kernels");
        }
        return Optional.empty();
    }

    private String cpuFlags() {
        Matcher m = FLAGS.matcher(cpuinfo());
        return m.find() ? " " + m.group(1).trim() + " " : " ";
    }

    /** The host TSC rate in kHz, from the first {@code cpu MHz} line, if the host tells it. */
    OptionalLong tscKhz() {
        Matcher m = CPU_MHZ.matcher(cpuinfo());
        if (!m.find()) return OptionalLong.empty();
        return OptionalLong.of(Math.round(Double.parseDouble(m.group(1)) * 1000.0));
    }

    private String cpuinfo() {
        try {
            return Files.readString(root.resolve("proc/cpuinfo"));
        } catch (IOException e) {
            return "";
        }
    }
}
