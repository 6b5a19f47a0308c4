package org.jmicrovm.module.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixFloat;
import org.jmicrovm.lang.eval.NixInt;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.ThrownError;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.model.InvalidSpecException;

/**
 * Reading an evaluated configuration from Java: a set together with the option path it sits at,
 * so that a value of an unexpected shape is reported with its option. The module system has
 * already checked the types; what remains are Nix values to turn into Java ones.
 */
final class Cfg {

    private final Evaluator ev;
    private final NixAttrs attrs;
    private final String path;
    /** {@link #path} with list indices and attribute-set element names as {@code *}, as the model records name options. */
    private final String generic;

    Cfg(Evaluator ev, NixAttrs attrs, String path) {
        this(ev, attrs, path, path);
    }

    private Cfg(Evaluator ev, NixAttrs attrs, String path, String generic) {
        this.ev = ev;
        this.attrs = attrs;
        this.path = path;
        this.generic = generic;
    }

    /**
     * Makes a model record from this element of a list or attribute set, naming the element precisely when
     * the record rejects a value ({@code microvm.volumes.[1].size} instead of {@code microvm.volumes.*.size}),
     * so that the error can point at its definition.
     */
    <T> T make(Supplier<T> record) {
        try {
            return record.get();
        } catch (InvalidSpecException e) {
            String option = e.optionPath();
            if (option.startsWith(generic) && !generic.equals(path)) {
                throw e.at(path + option.substring(generic.length()));
            }
            throw e;
        }
    }

    String path() {
        return path;
    }

    NixAttrs attrs() {
        return attrs;
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Value value(String name) {
        Lazy v = attrs.get(ByteStrings.fromText(name));
        if (v == null) {
            throw new EvalError("the configuration has no option `" + child(name) + "'", Pos.NONE);
        }
        return v.force();
    }

    boolean has(String name) {
        return attrs.has(ByteStrings.fromText(name));
    }

    Cfg sub(String name) {
        Value v = value(name);
        if (v instanceof NixAttrs a) {
            return new Cfg(ev, a, child(name), generic.isEmpty() ? name : generic + "." + name);
        }
        throw shape(name, "an attribute set", v);
    }

    String str(String name) {
        return text(name, value(name));
    }

    Optional<String> optStr(String name) {
        Value v = value(name);
        return v instanceof NixNull ? Optional.empty() : Optional.of(text(name, v));
    }

    /** A path-like option (string, path or set with {@code outPath}) as text, without copying to the store. */
    String pathText(String name) {
        return pathText(name, value(name));
    }

    Optional<String> optPathText(String name) {
        Value v = value(name);
        return v instanceof NixNull ? Optional.empty() : Optional.of(pathText(name, v));
    }

    String pathText(String name, Value v) {
        if (v instanceof NixString || v instanceof NixPath || v instanceof NixAttrs) {
            return ByteStrings.toText(ev.coerceToString(v, Pos.NONE, false, false));
        }
        throw shape(name, "a path", v);
    }

    int integer(String name) {
        Value v = value(name);
        if (v instanceof NixInt i) {
            if (i.value() > Integer.MAX_VALUE || i.value() < Integer.MIN_VALUE) {
                throw new InvalidSpecException(child(name), i.value() + " is out of range");
            }
            return (int) i.value();
        }
        throw shape(name, "an integer", v);
    }

    OptionalInt optInt(String name) {
        Value v = value(name);
        return v instanceof NixNull ? OptionalInt.empty() : OptionalInt.of(integer(name));
    }

    boolean bool(String name) {
        Value v = value(name);
        if (v instanceof NixBool b) {
            return b.value();
        }
        throw shape(name, "a Boolean", v);
    }

    List<String> strings(String name) {
        Value v = value(name);
        if (!(v instanceof NixList l)) {
            throw shape(name, "a list", v);
        }
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(text(name + ".[" + i + "]", l.get(i).force()));
        }
        return out;
    }

    List<Cfg> list(String name) {
        Value v = value(name);
        if (!(v instanceof NixList l)) {
            throw shape(name, "a list", v);
        }
        List<Cfg> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            Value e = l.get(i).force();
            if (!(e instanceof NixAttrs a)) {
                throw shape(name + ".[" + i + "]", "an attribute set", e);
            }
            out.add(new Cfg(ev, a, child(name) + ".[" + i + "]", (generic.isEmpty() ? name : generic + "." + name) + ".*"));
        }
        return out;
    }

    /** An {@code attrsOf submodule} option: its entries by name, in Nix order. */
    Map<String, Cfg> entries(String name) {
        Cfg set = sub(name);
        Map<String, Cfg> out = new LinkedHashMap<>();
        for (int i = 0; i < set.attrs.size(); i++) {
            String key = ByteStrings.toText(set.attrs.name(i));
            Value e = set.attrs.value(i).force();
            if (!(e instanceof NixAttrs a)) {
                throw set.shape(key, "an attribute set", e);
            }
            out.put(key, new Cfg(ev, a, set.child(key), set.generic + ".*"));
        }
        return out;
    }

    /** An {@code attrsOf str}-like option as strings (paths as text). */
    Map<String, String> stringMap(String name) {
        Cfg set = sub(name);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < set.attrs.size(); i++) {
            String key = ByteStrings.toText(set.attrs.name(i));
            Value e = set.attrs.value(i).force();
            if (e instanceof NixNull) {
                continue;
            }
            out.put(key, set.pathText(key, e));
        }
        return out;
    }

    /** A JSON-shaped option value as plain Java data (maps, lists, strings, numbers, booleans, null). */
    Object json(String name) {
        return toJava(child(name), value(name));
    }

    private Object toJava(String where, Value v) {
        // instanceof, not a pattern switch: this runs for every value of every VM (see StartupPathTest)
        if (v instanceof NixNull) {
            return null;
        } else if (v instanceof NixBool b) {
            return b.value();
        } else if (v instanceof NixInt i) {
            return i.value();
        } else if (v instanceof NixFloat f) {
            return f.value();
        } else if (v instanceof NixString s) {
            return s.text();
        } else if (v instanceof NixPath p) {
            return ByteStrings.toText(p.bytes());
        } else if (v instanceof NixList l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(toJava(where + ".[" + i + "]", l.get(i).force()));
            }
            return out;
        } else if (v instanceof NixAttrs a) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                String key = ByteStrings.toText(a.name(i));
                out.put(key, toJava(where + "." + key, a.value(i).force()));
            }
            return out;
        }
        throw new ConfigurationException(where + ": " + v.describe() + " cannot be written as JSON");
    }

    private String text(String name, Value v) {
        if (v instanceof NixString s) {
            return s.text();
        }
        throw shape(name, "a string", v);
    }

    private ConfigurationException shape(String name, String expected, Value v) {
        return new ConfigurationException("`" + child(name) + "' is " + v.describe() + " where " + expected + " was expected");
    }

    /** The value, or empty when the option has no value at all (no definition, no default). */
    static <T> Optional<T> ifDefined(Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (ThrownError e) {
            if (e.getMessage() != null && e.getMessage().contains("was accessed but has no value defined")) {
                return Optional.empty();
            }
            throw e;
        }
    }

}
