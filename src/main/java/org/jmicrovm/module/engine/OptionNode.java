package org.jmicrovm.module.engine;

import java.util.function.Supplier;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;

/**
 * An option: its value, and the set {@code options.<path>} shows (its merged declaration plus
 * what is known about its definitions). Configurations read the value of nearly every option and
 * the set of few, so the set is only made when asked for; it holds the same value.
 */
final class OptionNode implements Node {

    private final Lazy value;
    private Supplier<NixAttrs> make;
    private NixAttrs option;

    OptionNode(Lazy value, Supplier<NixAttrs> make) {
        this.value = value;
        this.make = make;
    }

    /** An option whose set is already made. */
    static OptionNode of(NixAttrs option) {
        OptionNode node = new OptionNode(option.get("value"), null);
        node.option = option;
        return node;
    }

    Lazy value() {
        return value;
    }

    NixAttrs option() {
        NixAttrs o = option;
        if (o == null) {
            o = make.get();
            option = o;
            make = null;
        }
        return o;
    }
}
