import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.model.HostConfig;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.host.HostEvaluator;

/**
 * The in-process half of bench/module-bench.sh: evaluates a host configuration to model records
 * ({@code HostEvaluator.model()}: host schema, every VM's guest evaluation, all assertions, every option
 * read), first cold (the first evaluation in a fresh JVM), then warm (--runs times after --warmup runs,
 * each with a fresh evaluator), and a Nix projection expression over the same configuration.
 *
 * <p>Prints "label TAB seconds" lines. Run as a source file:
 * {@code java -cp target/jmicrovm.jar:target/lib/* bench/ModuleBench.java [--runs N] [--warmup N] HOST.nix [PROJECTION.nix]}
 */
public final class ModuleBench {

    public static void main(String[] args) throws IOException {
        int runs = 5;
        int warmup = 3;
        Path host = null;
        Path projection = null;
        if (args.length == 2 && args[0].equals("--print")) {
            System.out.print(project(EvalOptions.isolated().withCurrentSystem("x86_64-linux"), Path.of(args[1]).toAbsolutePath()));
            return;
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    if (host == null) {
                        host = Path.of(args[i]).toAbsolutePath();
                    } else {
                        projection = Path.of(args[i]).toAbsolutePath();
                    }
                }
            }
        }
        EvalOptions options = EvalOptions.isolated().withCurrentSystem("x86_64-linux").withTraceSink(l -> { });
        long start = System.nanoTime();
        int vms = model(options, host);
        System.out.printf("cold-model\t%.3f\t%d VMs%n", (System.nanoTime() - start) / 1e9, vms);
        for (int i = 0; i < warmup; i++) {
            model(options, host);
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            model(options, host);
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf("warm-model\t%.3f%n", seconds[(runs - 1) / 2]);
        if (projection != null) {
            for (int i = 0; i < warmup; i++) {
                project(options, projection);
            }
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                project(options, projection);
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
            Arrays.sort(seconds);
            System.out.printf("warm-projection\t%.3f%n", seconds[(runs - 1) / 2]);
        }
    }

    private static int model(EvalOptions options, Path host) {
        try (ModuleSystem system = ModuleSystem.create(options)) {
            HostConfig config = new HostEvaluator(system).evaluate(host).model();
            return config.vms().size();
        }
    }

    private static String project(EvalOptions options, Path projection) throws IOException {
        try (ModuleSystem system = ModuleSystem.create(options)) {
            return system.nix().toJson(system.nix().evalFile(projection));
        }
    }
}
