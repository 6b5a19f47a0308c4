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

    NixAttrs build() {
        Lazy f = functor != null ? functor : types.defaultFunctor(name);
        return NixValues.attrs(
                "_type", NixValues.ascii("option-type"),
                "name", NixValues.str(name),
                "description", description != null ? description : NixValues.str(name),
                "descriptionClass", descriptionClass,
                "check", check != null ? check : types.alwaysTrue(),
                "merge", merge != null ? merge : types.mergeDefaultOptionFn(),
                "emptyValue", emptyValue,
                "getSubOptions", getSubOptions != null ? getSubOptions : types.noSubOptions(),
                "getSubModules", getSubModules,
                "substSubModules", substSubModules != null ? substSubModules : types.constNull(),
                "typeMerge", typeMerge != null ? typeMerge : types.defaultTypeMerge(f),
                "functor", f,
                "deprecationMessage", deprecationMessage,
                "nestedTypes", nestedTypes);
    }
}
