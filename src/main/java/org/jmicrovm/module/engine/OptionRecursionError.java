package org.jmicrovm.module.engine;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.eval.EvalError;

/**
 * Infinite recursion met while evaluating option values, naming the options involved: the
 * innermost first, as the evaluation went from the outermost option inwards.
 */
final class OptionRecursionError extends EvalError {

    private final List<String> chain = new ArrayList<>();

    OptionRecursionError(EvalError cause) {
        super("infinite recursion encountered", cause.pos(), cause);
    }

    /** Adds the option whose evaluation this error passed through; returns this. */
    OptionRecursionError through(List<String> loc) {
        String shown = Messages.showOption(loc);
        if (!chain.contains(shown)) {
            chain.add(shown);
        }
        return this;
    }

    @Override
    public String getMessage() {
        if (chain.isEmpty()) {
            return "infinite recursion encountered";
        }
        List<String> path = new ArrayList<>(chain.reversed());
        StringBuilder b = new StringBuilder("infinite recursion encountered while evaluating the option `")
                .append(path.get(0)).append('\'');
        if (path.size() > 1) {
            b.append(", which needs ");
            for (int i = 1; i < path.size(); i++) {
                b.append(i == 1 ? "" : ", which needs ").append('`').append(path.get(i)).append('\'');
            }
        }
        b.append(": one of them depends on itself");
        return b.toString();
    }
}
