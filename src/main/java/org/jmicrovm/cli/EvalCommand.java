package org.jmicrovm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeException;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.SearchPathEntry;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.host.ConfigView;
import org.jmicrovm.module.host.ConfigurationException;
import org.jmicrovm.module.host.EvaluatedHost;
import org.jmicrovm.module.host.HostEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code microvm-host eval}: evaluates a Nix expression or file and prints its value the way
 * {@code nix-instantiate --eval} does — with {@code --json} exactly its JSON (no newline after it, as Nix 2.8),
 * otherwise Nix's own printing followed by a newline. Errors go to stderr as Nix shows them; exit code 1.
 *
 * <p>Every evaluation has jmicrovm's built-ins: {@code nixpkgs} and {@code microvm} in scope,
 * {@code <nixpkgs>} on the search path, so {@code nixpkgs.lib.evalModules} works in any expression. With
 * {@code -c FILE} (or {@code --flake REF[#NAME]}, its {@code nixosConfigurations.NAME}) the file is a host configuration: the value printed is its {@code config} (or the part
 * {@code --attr} names), where {@code microvm.vms.<name>.config} is that VM's evaluated guest configuration.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {"Evaluate a Nix expression (--expr) or file and print its value, as nix-instantiate --eval does,",
                "or, with -c, the configuration of a host configuration file."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A host configuration: print its configuration (microvm.vms.<name>.config is the VM's guest configuration).")
    Path config;

    @Option(names = "--flake", paramLabel = "REF[#NAME]",
            description = "Like -c, for the host configuration nixosConfigurations.NAME of the flake REF (path:, git+file:,"
                    + " a directory). Without #NAME, the host name, as nixos-rebuild.")
    String flake;

    @Option(names = {"--attr", "-A"}, paramLabel = "PATH",
            description = "With -c or --flake: print only this attribute path of the configuration, e.g."
                    + " microvm.vms.web.config.microvm.mem.")
    String attr;

    @Option(names = {"--expr", "-E"}, paramLabel = "EXPR", description = "Evaluate this expression instead of a file.")
    String expression;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to evaluate (a directory means its default.nix).")
    Path file;

    @Option(names = "--json", description = "Print the value as JSON (forces it completely).")
    boolean json;

    @Option(names = "--strict", description = "Evaluate the whole value, not only its outermost layer.")
    boolean strict;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Store directory, where flake sources are copied and named Debian packages unpacked (default:"
                    + " $MICROVM_STORE, else /var/lib/jmicrovm/store as root).")
    Path store;

    @Option(names = "-I", paramLabel = "NAME=PATH", description = "Add an entry to the search path for <NAME> lookups.")
    List<String> searchPath = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final EvalOptions baseOptions;
    private final Path workingDirectory;

    /** The command as the launcher runs it: this process's environment and working directory. */
    public EvalCommand() {
        this(null, null);
    }

    /** For tests: the options to start from (search path entries are added) and the directory -E is relative to. */
    EvalCommand(EvalOptions baseOptions, Path workingDirectory) {
        this.baseOptions = baseOptions;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() {
        int given = (expression != null ? 1 : 0) + (file != null ? 1 : 0) + (config != null ? 1 : 0)
                + (flake != null ? 1 : 0);
        if (given != 1) {
            throw CliErrors.usage(spec, "give either --expr EXPR, a FILE, -c HOST-FILE or --flake REF[#NAME] (exactly one)");
        }
        if (attr != null && config == null && flake == null) {
            throw CliErrors.usage(spec, "--attr needs -c HOST-FILE or --flake REF[#NAME]");
        }
        return execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Parses the plain forms of this command's arguments ({@code --expr E}, {@code -E E}, {@code --json},
     * {@code --strict}, {@code -I SPEC}, one FILE) without picocli, whose start-up (reflection over the command
     * classes) costs more than evaluating a small file. Returns null for anything else — help, unknown or
     * malformed options, {@code --opt=value} forms — which then goes through picocli as usual.
     */
    static EvalCommand parseSimple(String[] args) {
        EvalCommand command = new EvalCommand();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--json" -> command.json = true;
                case "--strict" -> command.strict = true;
                case "--expr", "-E", "-I" -> {
                    if (i + 1 >= args.length) {
                        return null;
                    }
                    String value = args[++i];
                    if (arg.equals("-I")) {
                        command.searchPath.add(value);
                    } else if (command.expression == null) {
                        command.expression = value;
                    } else {
                        return null;
                    }
                }
                default -> {
                    if (arg.startsWith("-") || command.file != null) {
                        return null;
                    }
                    command.file = Path.of(arg);
                }
            }
        }
        return (command.expression == null) == (command.file == null) ? null : command;
    }

    /** Evaluates and prints; returns the exit status (0, or 1 after an evaluation error, as nix-instantiate). */
    int execute(PrintWriter out, PrintWriter err) {
        Path cwd = workingDirectory != null ? workingDirectory : Path.of("").toAbsolutePath();
        EvalOptions options = (baseOptions != null ? baseOptions : EvalOptions.defaults())
                .withTraceSink(line -> {
                    err.println(line);
                    err.flush();
                });
        List<SearchPathEntry> entries = new ArrayList<>();
        for (String entry : searchPath) {
            entries.add(SearchPathEntry.parse(entry));
        }
        entries.addAll(options.searchPath());
        options = options.withSearchPath(entries);
        SwitchCommand.HostSpec flakeHost;
        try {
            flakeHost = flake == null ? null : SwitchCommand.HostSpec.ofFlake(flake, cwd);
        } catch (IllegalArgumentException | FlakeException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        // eval builds nothing, so it never writes the lock; a package's outPath is unpacked into the default store
        Path lockDirectory = config != null ? cwd.resolve(config).toAbsolutePath().normalize().getParent()
                : flakeHost != null ? flakeHost.directory() : cwd;
        Path lockFile = lockDirectory.resolve(org.jmicrovm.build.pkgs.PkgsLock.FILE_NAME);
        org.jmicrovm.host.HostPackages packages = CommonOptions.packagesAt(lockFile, java.util.Optional.ofNullable(store), false,
                line -> {
                    err.println(line);
                    err.flush();
                });
        try (ModuleSystem system = packages.moduleSystem(options)) {
            NixEvaluator evaluator = system.nix();
            if (config != null) {
                return printConfiguration(system, new HostEvaluator(system).evaluate(cwd.resolve(config)), out);
            }
            if (flakeHost != null) {
                FlakeEvaluator flakes = new FlakeEvaluator(system, packages.store());
                return printConfiguration(system, flakes.host(flakeHost.flake().orElseThrow(), flakeHost.name()).host(), out);
            }
            Value value = expression != null
                    ? evaluator.evalString(expression, cwd)
                    : evaluator.evalFile(resolveFile(cwd.resolve(file)));
            String printed;
            if (json) {
                printed = evaluator.toJson(value);
            } else {
                printed = evaluator.print(strict ? evaluator.forceDeep(value) : value, strict) + "\n";
            }
            out.print(printed);
            out.flush();
            return 0;
        } catch (NixException e) {
            out.flush();
            err.println(e.render());
            err.flush();
            return 1;
        } catch (ConfigurationException | FlakeException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private int printConfiguration(ModuleSystem system, EvaluatedHost host, PrintWriter out) {
        List<String> path;
        try {
            path = attr == null ? List.of() : AttrPath.parse(attr);
        } catch (IllegalArgumentException e) {
            throw CliErrors.usage(spec, e.getMessage());
        }
        NixEvaluator evaluator = system.nix();
        Value shown = evaluator.onEvalThread(() -> {
            Value v = host.valueAt(path);
            if (path.isEmpty() && v instanceof NixAttrs a) {
                v = withoutModule(a);
            }
            return ConfigView.of(evaluator.evaluator(), v);
        });
        out.print(json ? evaluator.toJson(shown) : evaluator.print(shown, true) + "\n");
        out.flush();
        return 0;
    }

    private static NixAttrs withoutModule(NixAttrs config) {
        NixAttrs.Builder b = NixAttrs.builder(config.size());
        for (int i = 0; i < config.size(); i++) {
            if (!config.name(i).equals("_module")) {
                b.put(config.name(i), config.value(i));
            }
        }
        return b.build();
    }

    /** nix-instantiate evaluates {@code DIR/default.nix} when given a directory. */
    private static Path resolveFile(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        return Files.isDirectory(normal) ? normal.resolve("default.nix") : normal;
    }
}
