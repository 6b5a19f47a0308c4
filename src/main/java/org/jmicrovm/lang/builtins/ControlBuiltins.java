package org.jmicrovm.lang.builtins;

import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.LambdaCode;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixLambda;
import org.jmicrovm.lang.eval.NixPrimOp;
import org.jmicrovm.lang.eval.NixPrimOpApp;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.ThrownError;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.lang.eval.ValuePrinter;

/** Errors, strictness, tracing and reflection on functions. */
final class ControlBuiltins {

    private ControlBuiltins() {}

    static void register(Registry r) {
        r.globalPrimop("throw", 1, (ev, a, pos) -> {
            // Like Nix, the message stands alone: the trace frames say where it was thrown from.
            throw new ThrownError(Args.text(Args.coerce(ev, a[0], pos)), Pos.NONE);
        });
        r.globalPrimop("abort", 1, (ev, a, pos) -> {
            throw new EvalError("evaluation aborted with the following error message: '"
                    + Args.text(Args.coerce(ev, a[0], pos)) + "'", Pos.NONE);
        });
        r.primop("tryEval", 1, (ev, a, pos) -> {
            NixAttrs.Builder b = NixAttrs.builder(2);
            try {
                a[0].force();
                b.put("success", NixBool.TRUE).put("value", a[0]);
            } catch (ThrownError e) {
                b.put("success", NixBool.FALSE).put("value", NixBool.FALSE);
            }
            return b.build();
        });
        r.primop("seq", 2, (ev, a, pos) -> {
            a[0].force();
            return a[1].force();
        });
        r.primop("deepSeq", 2, (ev, a, pos) -> {
            ev.forceDeep(a[0]);
            return a[1].force();
        });
        r.primop("trace", 2, (ev, a, pos) -> {
            Value msg = a[0].force();
            String shown = msg instanceof NixString s ? s.bytes() : ValuePrinter.print(msg);
            ev.trace("trace: " + ByteStrings.toText(shown));
            return a[1].force();
        });
        r.primop("warn", 2, (ev, a, pos) -> {
            Value msg = a[0].force();
            if (!(msg instanceof NixString s)) {
                throw EvalError.typeMismatch(msg, "a string", pos);
            }
            ev.trace("evaluation warning: " + ByteStrings.toText(s.bytes()));
            return a[1].force();
        });
        r.primop("addErrorContext", 2, (ev, a, pos) -> {
            try {
                return a[1].force();
            } catch (NixException e) {
                String context = Args.text(Args.coerce(ev, a[0], pos));
                EvalError.frame(e, pos, context);
                throw e;
            }
        });
        r.primop("functionArgs", 1, (ev, a, pos) -> {
            Value f = a[0].force();
            if (f instanceof NixPrimOp || f instanceof NixPrimOpApp) {
                return NixAttrs.EMPTY;
            }
            if (!(f instanceof NixLambda l)) {
                throw new EvalError("'functionArgs' requires a function", pos);
            }
            NixAttrs.Builder b = NixAttrs.builder();
            for (LambdaCode.Formal formal : l.code().formals()) {
                b.put(formal.name(), NixBool.of(formal.hasDefault()), formal.pos());
            }
            return b.build();
        });
    }
}
