package org.jmicrovm.lang;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.lang.ast.Pos;

/**
 * An error in Nix code, reported as Nix reports it: a message, the position where it
 * happened, and the chain of "while evaluating ..." frames that led there.
 *
 * <p>Parse errors and evaluation errors both extend this class; callers that only want to
 * show the error to a person use {@link #render()}.
 */
public class NixException extends RuntimeException {

    /** One "while ..." frame of the trace, outermost last. */
    public record Frame(Pos pos, String description) {}

    private final Pos pos;
    private final List<Frame> frames = new ArrayList<>();
    private String hint;

    public NixException(String message, Pos pos) {
        super(message, null, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
    }

    public NixException(String message, Pos pos, Throwable cause) {
        super(message, cause, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
    }

    public Pos pos() {
        return pos;
    }

    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** A line of advice shown under the location, e.g. Nix's "Did you mean b?". */
    public NixException withHint(String text) {
        this.hint = text;
        return this;
    }

    public String hint() {
        return hint;
    }

    public int frameCount() {
        return frames.size();
    }

    /** Adds a frame as the error travels outwards; returns this for rethrowing. */
    public NixException addFrame(Pos framePos, String description) {
        frames.add(new Frame(framePos, description));
        return this;
    }

    /**
     * The error as a person reads it, laid out as Nix 2.8 does with {@code --show-trace}:
     * {@code error: message}, then {@code at file:line:column:} with the offending source line
     * (and its neighbours) and a caret, then each frame ({@code … while evaluating ...}) the same way.
     */
    public String render() {
        StringBuilder out = new StringBuilder("error: ").append(indent(getMessage()));
        appendLocation(out, pos);
        if (hint != null) {
            out.append("\n       ").append(indent(hint));
        }
        for (Frame frame : frames) {
            out.append("\n\n       … ").append(indent(frame.description()));
            appendLocation(out, frame.pos());
        }
        return out.toString();
    }

    /** Continuation lines of a message line up under its first line, after "error: ". */
    private static String indent(String text) {
        return text == null ? "" : text.replace("\n", "\n       ");
    }

    private static void appendLocation(StringBuilder out, Pos where) {
        if (where == null || !where.isKnown()) {
            return;
        }
        out.append("\n\n       at ").append(where).append(':');
        String line = where.source().line(where.line());
        if (line.isEmpty() && where.line() > 1 && where.source().line(where.line() - 1).isEmpty()) {
            return;
        }
        out.append('\n');
        if (where.line() > 1) {
            codeLine(out, where.line() - 1, where.source().line(where.line() - 1));
        }
        codeLine(out, where.line(), line);
        if (where.column() > 0) {
            out.append("\n             |").append(" ".repeat(where.column())).append('^');
        }
        if (where.line() < lineCount(where.source().text())) {
            codeLine(out, where.line() + 1, where.source().line(where.line() + 1));
        }
    }

    private static void codeLine(StringBuilder out, int number, String text) {
        out.append("\n        ").append(String.format("%5d", number)).append("| ").append(text);
    }

    private static int lineCount(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                n++;
            }
        }
        return n;
    }
}
