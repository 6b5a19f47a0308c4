package org.jmicrovm.flake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.engine.NixValues;
import org.jmicrovm.module.host.EvaluatedHost;
import org.jmicrovm.module.host.GuestConfigurations;
import org.jmicrovm.module.host.HostEvaluator;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * Evaluates flakes: copies the source into the store (named by its commit or content hash,
 * so an unchanged flake is not copied again), evaluates {@code flake.nix} with the built-in
 * {@code nixpkgs} and {@code microvm} inputs, and reads {@code nixosConfigurations.<name>}
 * into a {@link MicroVmSpec}.
 */
public final class FlakeEvaluator {

    private static final String BUILDER = "jmicrovm-flake-source/1";

    private final ModuleSystem system;
    private final Store store;
    private Value callFlake;

    public FlakeEvaluator(ModuleSystem system, Store store) {
        this.system = system;
        this.store = store;
    }

    /** The flake's source tree in the store. */
    public Path fetch(FlakeRef flake) {
        String fingerprint = FlakeSource.fingerprint(flake);
        BuildInputs inputs = BuildInputs.named("source", BUILDER).input("fingerprint", fingerprint).build();
        StorePath path = store.build(inputs, out -> {
            Files.delete(out);
            FlakeSource.copyTo(flake, out);
        });
        return path.path();
    }

    /** The flake's outputs, with {@code outPath}, {@code inputs} and {@code sourceInfo} as Nix adds them. */
    public NixAttrs outputs(FlakeRef flake) {
        Path source = fetch(flake);
        return system.nix().onEvalThread(() -> {
            Evaluator ev = system.nix().evaluator();
            return Force.attrs(ev.call(NixValues.lazy(this::callFlake), NixValues.str(source.toString())), Pos.NONE);
        });
    }

    /** {@code nixosConfigurations.<name>} of the flake, as a MicroVM spec (after its assertions). */
    public MicroVmSpec guest(FlakeRef flake, String name) {
        NixAttrs outputs = outputs(flake);
        return GuestConfigurations.spec(system, name, configuration(flake, outputs, name));
    }

    /**
     * A host configuration kept in a flake, as {@code microvm-host --flake REF#NAME} reads it.
     *
     * @param flake  the reference, as given (resolved)
     * @param name   the name below {@code nixosConfigurations}
     * @param source the flake's source tree in the store, which is what {@code self} (its {@code outPath})
     *               stands for inside the flake
     * @param host   {@code nixosConfigurations.<name>}, evaluated as a host
     */
    public record Host(FlakeRef flake, String name, Path source, EvaluatedHost host) {}

    /** {@code nixosConfigurations.<name>} of the flake, evaluated as a host (its modules with the host options). */
    public Host host(FlakeRef flake, String name) {
        Path source = fetch(flake);
        NixAttrs outputs = outputs(flake);
        Value configuration = configuration(flake, outputs, name);
        EvaluatedHost host = new HostEvaluator(system).evaluateNixosSystem(configuration, outputs,
                source.resolve("flake.nix"), flake.text() + "#nixosConfigurations." + name);
        return new Host(flake, name, source, host);
    }

    private Value configuration(FlakeRef flake, NixAttrs outputs, String name) {
        return system.nix().onEvalThread(() -> {
            if (!NixValues.has(outputs, "nixosConfigurations")) {
                throw new FlakeException("flake " + flake.text() + " has no output nixosConfigurations");
            }
            NixAttrs configurations = Force.attrs(NixValues.select(outputs, "nixosConfigurations", Pos.NONE), Pos.NONE);
            if (!NixValues.has(configurations, name)) {
                throw new FlakeException("flake " + flake.text() + " has no nixosConfigurations." + name
                        + " (it has: " + String.join(", ", configurations.names()) + ")");
            }
            return NixValues.select(configurations, name, Pos.NONE);
        });
    }

    private Value callFlake() {
        if (callFlake == null) {
            Evaluator ev = system.nix().evaluator();
            Value function = system.nix().evalString(resource("call-flake.nix"), Path.of("/"));
            NixAttrs builtinInputs = NixValues.attrs("nixpkgs", system.nixpkgsInput(), "microvm", system.microvmInput());
            Value fetchSource = NixValues.fn("fetchSource", 2, (e, args, pos) -> {
                String base = NixValues.text(e.forceDeep(args[0]), pos);
                String url = NixValues.text(e.forceDeep(args[1]), pos);
                try {
                    FlakeRef ref = FlakeRef.parse(url, Path.of(base));
                    return NixValues.str(fetch(ref).toString());
                } catch (FlakeException ex) {
                    throw new NixException(ex.getMessage(), pos);
                }
            });
            callFlake = ev.call(NixValues.lazy(() -> function),
                    NixValues.attrs("builtinInputs", builtinInputs, "fetchSource", fetchSource));
        }
        return callFlake;
    }

    private static String resource(String name) {
        try (InputStream in = FlakeEvaluator.class.getResourceAsStream("/org/jmicrovm/flake/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
