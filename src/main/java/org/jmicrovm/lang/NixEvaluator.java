package org.jmicrovm.lang;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.ast.Source;
import org.jmicrovm.lang.builtins.Builtins;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.EvalError;
import org.jmicrovm.lang.eval.EvalThread;
import org.jmicrovm.lang.eval.Evaluator;
import org.jmicrovm.lang.eval.JsonWriter;
import org.jmicrovm.lang.eval.NixPath;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.lang.eval.ValuePrinter;
import org.jmicrovm.lang.parse.Parser;

/**
 * The Nix evaluator as the rest of jmicrovm uses it: evaluate a file or a string, force a
 * value completely, print it as {@code nix-instantiate --eval [--strict] [--json]} does.
 *
 * <p>All evaluation runs on one dedicated thread with a very large stack, so that deeply
 * nested and deeply recursive Nix code evaluates (a call-depth limit turns runaway recursion
 * into a Nix error first). Callers simply call the methods; {@link #onEvalThread} runs other
 * work (walking a lazy value, calling Nix functions) there too. Values returned are lazy:
 * forcing their parts must happen on the evaluation thread, through {@link #onEvalThread} or
 * {@link #forceDeep}.
 */
public final class NixEvaluator implements AutoCloseable {

    /**
     * Reserved, not committed: pages are only touched by code that actually recurses deeply.
     * A level of evaluation (a call or a nested thunk) takes well under 2 KB of stack, so the
     * depth limit is reached first.
     */
    static final long STACK_BYTES = Long.getLong("jmicrovm.eval.stack", 1L << 30);

    private final EvalOptions options;
    private final ExecutorService thread;
    private volatile Thread evalThread;
    private final Evaluator ev;

    public NixEvaluator(EvalOptions options) {
        this(options, Evaluator.DEFAULT_MAX_DEPTH);
    }

    /** @param maxDepth how deeply calls and thunk evaluations may nest before "stack overflow" */
    public NixEvaluator(EvalOptions options, int maxDepth) {
        this.options = options;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new EvalThread(r, "nix-eval", STACK_BYTES, maxDepth);
            evalThread = t;
            return t;
        });
        this.ev = onEvalThread(() -> new Evaluator(options, Builtins.baseScope(options),
                source -> Parser.parseOnLargeStack(source, options.homeDir())));
    }

    public static NixEvaluator withDefaults() {
        return new NixEvaluator(EvalOptions.defaults());
    }

    public EvalOptions options() {
        return options;
    }

    /** The runtime, for code that runs on the evaluation thread (builtins, providers, the module system). */
    public Evaluator evaluator() {
        return ev;
    }

    /** Evaluates a file as {@code import} does (a directory means its default.nix), to weak head normal form. */
    public Value evalFile(Path file) {
        return onEvalThread(() -> ev.importPath(NixPath.of(file).bytes(), Pos.NONE));
    }

    /** Evaluates Nix text; relative paths in it are relative to {@code baseDir}. */
    public Value evalString(String text, Path baseDir) {
        return onEvalThread(() -> ev.evalSource(Source.ofString(text, baseDir)));
    }

    /** Forces the value and everything in it; returns it. */
    public Value forceDeep(Value value) {
        return onEvalThread(() -> ev.forceDeep(value));
    }

    /** What {@code nix-instantiate --eval --strict --json} prints (without a trailing newline). */
    public String toJson(Value value) {
        return onEvalThread(() -> ByteStrings.toText(JsonWriter.write(ev, ev.forceDeep(value), Pos.NONE)));
    }

    /**
     * What {@code nix-instantiate --eval} prints, or with {@code strict} what
     * {@code nix-instantiate --eval --strict} prints (without the trailing newline).
     */
    public String print(Value value, boolean strict) {
        return onEvalThread(() -> {
            Value v = strict ? ev.forceDeep(value) : value;
            return ByteStrings.toText(ValuePrinter.print(v));
        });
    }

    /**
     * {@link #toJson} as the exact bytes Nix would write: Nix strings may hold bytes that are not
     * UTF-8 (e.g. from {@code substring}), which a Java string cannot carry faithfully.
     */
    public byte[] toJsonBytes(Value value) {
        return onEvalThread(() -> ByteStrings.toBytes(JsonWriter.write(ev, ev.forceDeep(value), Pos.NONE)));
    }

    /** {@link #print} as the exact bytes Nix would write. */
    public byte[] printBytes(Value value, boolean strict) {
        return onEvalThread(() -> ByteStrings.toBytes(ValuePrinter.print(strict ? ev.forceDeep(value) : value)));
    }

    /** Runs {@code work} on the evaluation thread (directly if already there) and returns its result. */
    public <T> T onEvalThread(Callable<T> work) {
        if (Thread.currentThread() == evalThread) {
            return call(work);
        }
        Future<T> f = thread.submit(() -> call(work));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new NixException("evaluation interrupted", Pos.NONE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Like {@link #onEvalThread(Callable)} for work that needs the runtime. */
    public <T> T withEvaluator(Function<Evaluator, T> work) {
        return onEvalThread(() -> work.apply(ev));
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (StackOverflowError e) {
            throw new EvalError("stack overflow (possible infinite recursion)", Pos.NONE);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
