package org.jmicrovm.module.engine;

import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixString;

/**
 * Assembles an option type set ({@code mkOptionType}'s result) from Java parts. Unset parts take
 * {@code mkOptionType}'s defaults; {@code typeMerge} defaults to the generic merge over the
 * functor.
 */
final class TypeBuilder {

    private final Types types;
    final String name;
    Lazy description;
    Lazy descriptionClass = NixNull.NULL;
    Lazy check;
    Lazy merge;
    Lazy emptyValue = NixAttrs.EMPTY;
    Lazy getSubOptions;
    Lazy getSubModules = NixNull.NULL;
    Lazy substSubModules;
    Lazy typeMerge;
    Lazy functor;
    Lazy deprecationMessage = NixNull.NULL;
    Lazy nestedTypes = NixAttrs.EMPTY;

    TypeBuilder(Types types, String name) {
        this.types = types;
        this.name = name;
    }

    TypeBuilder description(String text) {
        this.description = NixValues.str(text);
        return this;
    }

    TypeBuilder descriptionClass(String cls) {
        this.descriptionClass = cls == null ? NixNull.NULL : NixString.ofText(cls);
        return this;
    }

    /** The attribute names of a type, in Nix's order. */
    private static final String[] NAMES = {"_type", "check", "deprecationMessage", "description", "descriptionClass",
            "emptyValue", "functor", "getSubModules", "getSubOptions", "merge", "name", "nestedTypes",
            "substSubModules", "typeMerge"};

    private static final NixString OPTION_TYPE = NixValues.ascii("option-type");

    NixAttrs build() {
        Lazy f = functor != null ? functor : types.defaultFunctor(name);
        return NixValues.sortedAttrs(NAMES,
                OPTION_TYPE,
                check != null ? check : types.alwaysTrue(),
                deprecationMessage,
                description != null ? description : NixValues.interned(name),
                descriptionClass,
                emptyValue,
                f,
                getSubModules,
                getSubOptions != null ? getSubOptions : types.noSubOptions(),
                merge != null ? merge : types.mergeDefaultOptionFn(),
                NixValues.interned(name),
                nestedTypes,
                substSubModules != null ? substSubModules : types.constNull(),
                typeMerge != null ? typeMerge : types.defaultTypeMerge(f));
    }
}
