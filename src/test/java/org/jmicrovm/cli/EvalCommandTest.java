package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.corpus.CorpusLoader;
import org.jmicrovm.lang.corpus.KnownDifferences;
import org.jmicrovm.lang.corpus.NixOracle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code microvm-host eval} against {@code nix-instantiate --eval} with the same arguments: the same bytes on
 * stdout, the same exit status, and an {@code error:} on stderr when both fail. Runs the command through picocli
 * in this JVM, plus once through {@code bin/microvm-host}.
 */
class EvalCommandTest {

    /** Our arguments; nix-instantiate gets {@code --eval} and the same, with {@code --expr E} as {@code -E E}. */
    private static final List<List<String>> CASES = List.of(
            List.of("--expr", "1 + 2"),
            List.of("--expr", "-5"),
            List.of("--expr", "null"),
            List.of("--expr", "true"),
            List.of("--expr", "1.5"),
            List.of("--expr", "{ }"),
            List.of("--expr", "[ ]"),
            List.of("--expr", "{ a = [ 1 2 ]; b = \"x\"; c = 1 + 1; }"),
            List.of("--strict", "--expr", "{ a = [ 1 2 ]; b = \"x\"; c = 1 + 1; }"),
            List.of("--expr", "[ 1 (1 + 1) \"a\" ]"),
            List.of("--strict", "--expr", "[ 0.1 1.0e-7 1234567.0 100000.0 (1 / 3.0) ]"),
            List.of("--strict", "--expr", "\"quotes \\\" newline \\n tab \\t dollar-brace \\${ end\""),
            List.of("--strict", "--expr", "{ \"a b\" = 1; \"\" = 2; a-b = 3; \"1x\" = 4; _ok = 5; }"),
            List.of("--strict", "--expr", "{ a.b.c = 1; }"),
            List.of("--strict", "--expr", "x: x"),
            List.of("--expr", "builtins.map"),
            List.of("--strict", "--expr", "{ f = builtins.add 1; g = x: x; h = builtins.head; }"),
            List.of("--strict", "--expr", "let x = [ 1 ]; in [ x x ]"),
            List.of("--strict", "--expr", "let f = { __functor = self: x: x; }; in f"),
            List.of("--strict", "--expr", "builtins.genList (i: i * i) 5"),
            List.of("--expr", "./fixtures"),
            List.of("--strict", "--expr", "[ ./fixtures/hello.txt ~/x /abs/path ]"),
            List.of("--expr", "builtins.trace \"traced\" 1"),
            List.of("--json", "--strict", "--expr", "{ b = 1.5; a = [ null true ]; s = \"é\\n\"; }"),
            List.of("--json", "--strict", "--expr", "[ 9223372036854775807 1.0e300 0.000001 ]"),
            List.of("--json", "--strict", "--expr", "\"${./fixtures/hello.txt}\""),
            List.of("fixtures/simple.nix"),
            List.of("--strict", "fixtures/simple.nix"),
            List.of("--json", "--strict", "fixtures/uses-lib.nix"),
            List.of("--strict", "fixtures/dir"),
            List.of("--json", "--strict", "fixtures/relative-import.nix"),
            List.of("--json", "--strict", "-I", "corpus=fixtures/search", "--expr", "import <corpus/module.nix>"),
            List.of("--strict", "-I", "corpus=fixtures/search", "--expr", "<corpus>"),
            List.of("-I", "fixtures/searchroot", "--expr", "import <rooted.nix>"),
            List.of("--expr", "throw \"boom\""),
            List.of("--strict", "--expr", "{ a = 1; b = abort \"deep\"; }"),
            List.of("--json", "--strict", "--expr", "{ f = x: x; }"),
            List.of("--expr", "{ a = 1;"),
            List.of("--expr", "undefinedVariable"),
            List.of("fixtures/does-not-exist.nix"),
            List.of("fixtures/parse-error.nix"),
            List.of("--json", "--strict", "fixtures/throws.nix"),
            List.of("--expr", "<nowhere-in-search-path>"));

    private static NixOracle oracle;
    private static Path corpus;

    @BeforeAll
    static void startOracle() {
        oracle = NixOracle.start();
        corpus = CorpusLoader.corpusDirectory();
    }

    private record Run(int exitCode, byte[] stdout, String stderr) {
        String errorLine() {
            return stderr.lines().filter(l -> l.startsWith("error:")).findFirst().orElse("");
        }
    }

    @TestFactory
    Stream<DynamicTest> evalPrintsWhatNixInstantiatePrints() {
        return CASES.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            NixOracle.Result nix = oracle.run(nixArguments(args), corpus);
            Run ours = runInProcess(args);
            String id = "cli: " + String.join(" ", args);
            var known = KnownDifferences.reason(id);
            try {
                assertSame(args, nix, ours);
            } catch (AssertionError e) {
                if (known.isPresent()) {
                    Assumptions.abort("known difference: " + known.get() + "\n" + e.getMessage());
                }
                throw e;
            }
            if (known.isPresent()) {
                fail(id + " now agrees with Nix: remove it from known-differences.txt");
            }
        }));
    }

    @Test
    void launcherScriptPrintsWhatNixInstantiatePrints() throws Exception {
        List<String> args = List.of("--json", "--strict", "-I", "corpus=fixtures/search",
                "--expr", "[ (import <corpus/module.nix>) 1.5 \"${toString 42}\" ]");
        NixOracle.Result nix = oracle.run(nixArguments(args), corpus);
        Path launcher = repositoryRoot().resolve("bin/microvm-host");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "eval"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(corpus.toFile());
        builder.environment().clear();
        builder.environment().putAll(oracle.environment());
        // Run what this test run compiled instead of letting the launcher build a jar.
        builder.environment().put("JMICROVM_CLASSPATH", testClassPath());
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = in.readAllBytes();
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertSame(args, nix, new Run(exit, stdout, stderr));
    }

    @Test
    void plainArgumentsParseWithoutPicocliAsPicocliParsesThem() {
        List<List<String>> plain = List.of(
                List.of("--expr", "1"),
                List.of("-E", "-5", "--json"),
                List.of("--json", "--strict", "-I", "a=/x", "-I", "/y", "file.nix"),
                List.of("--strict", "dir"),
                List.of("-I", "n=p", "--expr", "<n>"));
        for (List<String> args : plain) {
            EvalCommand fast = EvalCommand.parseSimple(args.toArray(String[]::new));
            EvalCommand slow = new EvalCommand();
            new CommandLine(slow).parseArgs(args.toArray(String[]::new));
            assertThat(fast).as("fast parse of %s", args).isNotNull();
            assertThat(fast.expression).as("expression of %s", args).isEqualTo(slow.expression);
            assertThat(fast.file).as("file of %s", args).isEqualTo(slow.file);
            assertThat(fast.json).as("json of %s", args).isEqualTo(slow.json);
            assertThat(fast.strict).as("strict of %s", args).isEqualTo(slow.strict);
            assertThat(fast.searchPath).as("search path of %s", args).isEqualTo(slow.searchPath);
        }
        // Everything else is left to picocli: help, unknown options, --opt=value, missing or doubled inputs.
        for (List<String> args : List.<List<String>>of(List.of("--help"), List.of("--expr=1"), List.of("--bogus", "f.nix"),
                List.of("--expr"), List.of(), List.of("--expr", "1", "f.nix"), List.of("a.nix", "b.nix"))) {
            assertThat(EvalCommand.parseSimple(args.toArray(String[]::new))).as("fast parse of %s", args).isNull();
        }
    }

    @Test
    void subcommandIsRegistered() {
        CommandLine cli = MicrovmHostCommand.newCommandLine();
        assertThat(cli.getSubcommands()).containsKey("eval");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        assertThat(cli.execute("eval", "--json", "--strict", "--expr", "builtins.attrNames { b = 1; a = 2; }")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void expressionAndFileTogetherIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = MicrovmHostCommand.newCommandLine();
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        assertThat(cli.execute("eval", "--expr", "1", "file.nix")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exactly one");
    }

    private static void assertSame(List<String> args, NixOracle.Result nix, Run ours) {
        String what = "microvm-host eval " + String.join(" ", args);
        assertThat(ours.exitCode()).as("exit code of %s (nix said: %s; we said: %s)", what,
                nix.errorLine(), ours.stderr()).isEqualTo(nix.exitCode());
        if (nix.succeeded()) {
            assertThat(new String(ours.stdout(), StandardCharsets.UTF_8)).as("stdout of %s", what)
                    .isEqualTo(nix.stdoutText());
            assertThat(ours.stdout()).as("stdout bytes of %s", what).isEqualTo(nix.stdout());
        } else {
            // Nix may leave half a JSON document on stdout before failing ({"f":} for { f = x: x; }); what
            // counts is the failure itself.
            assertThat(ours.errorLine()).as("stderr of %s (nix: %s)", what, nix.errorLine()).startsWith("error:");
        }
    }

    private static List<String> nixArguments(List<String> ours) {
        List<String> nix = new ArrayList<>(List.of("--eval"));
        for (int i = 0; i < ours.size(); i++) {
            if (ours.get(i).equals("--expr")) {
                nix.add("-E");
                nix.add(NixOracle.expressionArgument(ours.get(++i)));
            } else {
                nix.add(ours.get(i));
            }
        }
        return nix;
    }

    private static Run runInProcess(List<String> args) {
        EvalOptions options = EvalOptions.defaults()
                .withEnvironment(oracle.environment())
                .withHomeDir(oracle.home());
        CommandLine cli = new CommandLine(new EvalCommand(options, corpus));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int exit = cli.execute(resolveFiles(args).toArray(String[]::new));
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** -I paths relative to the corpus, as nix-instantiate resolves them against its working directory. */
    private static List<String> resolveFiles(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            out.add(a);
            if (a.equals("-I")) {
                String spec = args.get(++i);
                int eq = spec.indexOf('=');
                String path = eq < 0 ? spec : spec.substring(eq + 1);
                String abs = corpus.resolve(path).normalize().toString();
                out.add(eq < 0 ? abs : spec.substring(0, eq + 1) + abs);
            } else if (a.equals("--expr")) {
                out.add(args.get(++i));
            }
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/microvm-host"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/microvm-host not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
