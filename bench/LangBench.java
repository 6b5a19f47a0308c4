import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;

/**
 * The warm half of bench/lang-bench.sh: evaluates each workload file in this JVM, first a few times to warm
 * the JIT up, then --runs times, each with a fresh evaluator (no import cache carried over), and prints
 * "file TAB median-seconds TAB best-seconds" per workload.
 *
 * <p>Run as a source file: {@code java -cp target/jmicrovm.jar bench/LangBench.java [--runs N] [--warmup N] FILE...}
 */
public final class LangBench {

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int warmup = 3;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]).toAbsolutePath().normalize());
            }
        }
        EvalOptions options = EvalOptions.defaults();
        for (Path file : files) {
            String expected = null;
            for (int i = 0; i < warmup; i++) {
                expected = evaluate(options, file);
            }
            double[] seconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                String json = evaluate(options, file);
                seconds[i] = (System.nanoTime() - start) / 1e9;
                if (expected != null && !expected.equals(json)) {
                    throw new IllegalStateException(file + ": the result changed between runs");
                }
            }
            Arrays.sort(seconds);
            System.out.printf("%s\t%.3f\t%.3f%n", file, seconds[(runs - 1) / 2], seconds[0]);
            System.out.flush();
        }
    }

    private static String evaluate(EvalOptions options, Path file) {
        try (NixEvaluator evaluator = new NixEvaluator(options)) {
            return evaluator.toJson(evaluator.evalFile(file));
        }
    }
}
