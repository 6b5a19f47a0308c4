package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.JsonWriter;

/** {@code toJSON}, {@code fromJSON} and {@code fromTOML}. */
final class JsonBuiltins {

    private JsonBuiltins() {}

    static void register(Registry r) {
        r.primop("toJSON", 1, (ev, a, pos) -> Args.str(JsonWriter.write(ev, a[0], pos)));
        r.primop("fromJSON", 1, (ev, a, pos) -> JsonParser.parse(Force.string(a[0], pos), pos));
        r.globalPrimop("fromTOML", 1, (ev, a, pos) -> TomlParser.parse(Force.string(a[0], pos), pos));
    }
}
