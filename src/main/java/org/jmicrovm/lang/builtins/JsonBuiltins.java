package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.JsonWriter;

/** {@code toJSON} and {@code fromJSON}. */
final class JsonBuiltins {

    private JsonBuiltins() {}

    static void register(Registry r) {
        r.primop("toJSON", 1, (ev, a, pos) -> Args.str(JsonWriter.write(ev, a[0], pos)));
        r.primop("fromJSON", 1, (ev, a, pos) -> JsonParser.parse(Force.string(a[0], pos), pos));
    }
}
