package org.jmicrovm.module.engine;

import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixString;

/**
 * The Java parts of {@code lib}, handed to the Nix part ({@code lib/default.nix}) as {@code prim}:
 * evalModules, the types, the merge functions of {@code lib.options} and the pretty-printer.
 */
public final class LibPrimitives {

    private LibPrimitives() {}

    public static NixAttrs of(ModuleEngine engine) {
        Types types = engine.types();
        return NixValues.attrs(
                "evalModules", engine.evalModulesFunction(),
                "types", NixValues.lazy(types::typesSet),
                "mergeDefaultOption", types.mergeDefaultOptionFn(),
                "mergeEqualOption", types.mergeEqualOptionFn(),
                "mergeOneOption", types.mergeOneOptionFn(),
                "mergeUniqueOption", NixValues.fn("mergeUniqueOption", 3, (e, a, p) -> {
                    NixAttrs args = Force.attrs(a[0], p);
                    String message = ByteStrings.toText(Force.string(NixValues.select(args, "message", p), p));
                    return types.mergeUnique(message, args.get("merge"), TypeOps.locOf(a[1]), TypeOps.defsOf(a[2]));
                }),
                "showDefs", NixValues.fn("showDefs", 1, (e, a, p) ->
                        NixValues.str(Messages.showDefs(e, TypeOps.defsOf(a[0])))),
                "showOption", NixValues.fn("showOption", 1, (e, a, p) ->
                        NixValues.str(Messages.showOption(NixValues.stringList(a[0].force(), p)))),
                "toPretty", NixValues.fn("toPretty", 2, (e, a, p) -> {
                    NixAttrs args = Force.attrs(a[0], p);
                    boolean multiline = flag(args, "multiline", true);
                    boolean pretty = flag(args, "allowPrettyValues", false);
                    Lazy indent = args.get("indent");
                    String in = indent == null ? "" : Force.string(indent, p);
                    return new NixString(new Pretty(multiline, pretty, -1).render(e, a[1], in));
                }));
    }

    private static boolean flag(NixAttrs args, String name, boolean fallback) {
        Lazy v = args.get(name);
        return v == null ? fallback : v.force() == NixBool.TRUE;
    }
}
