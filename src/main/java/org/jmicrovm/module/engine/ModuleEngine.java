package org.jmicrovm.module.engine;

import java.util.function.Supplier;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.Value;

/**
 * The module system of one evaluation session: {@code evalModules}, the option types, and the
 * {@code lib} that modules receive. Everything runs on the session's evaluation thread.
 */
public final class ModuleEngine {

    private final Evaluator ev;
    private final Supplier<Value> lib;
    private final Types types;
    private final OptionDecls optionDecls;

    /**
     * @param ev  the session's evaluator
     * @param lib the {@code lib} given to modules as an argument (asked for lazily: lib itself is
     *            built from this engine's functions)
     */
    public ModuleEngine(Evaluator ev, Supplier<Value> lib) {
        this.ev = ev;
        this.lib = lib;
        this.types = new Types(this);
        this.optionDecls = new OptionDecls(ev, types);
    }

    public Evaluator evaluator() {
        return ev;
    }

    public Types types() {
        return types;
    }

    private NixAttrs internalOptionsTop;
    private NixAttrs internalOptionsNested;

    /** The internal module's declarations, shared by all evaluations of this session. */
    NixAttrs internalOptions(boolean nested) {
        if (nested) {
            if (internalOptionsNested == null) {
                internalOptionsNested = Evaluation.internalOptions(types, true);
            }
            return internalOptionsNested;
        }
        if (internalOptionsTop == null) {
            internalOptionsTop = Evaluation.internalOptions(types, false);
        }
        return internalOptionsTop;
    }

    OptionDecls optionDecls() {
        return optionDecls;
    }

    Value lib() {
        return lib.get();
    }

    /** {@code lib.evalModules args}: the result set ({@code config}, {@code options}, …), lazily evaluated. */
    public NixAttrs evalModules(NixAttrs args) {
        return new Evaluation(this, args).result();
    }

    /** {@code evalModules} as a Nix function. */
    public NixPrimOp evalModulesFunction() {
        return new NixPrimOp("evalModules", 1, (e, a, pos) -> evalModules(Force.attrs(a[0], pos)));
    }

}
