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

    public int frameCount() {
        return frames.size();
    }

    /** Adds a frame as the error travels outwards; returns this for rethrowing. */
    public NixException addFrame(Pos framePos, String description) {
        frames.add(new Frame(framePos, description));
        return this;
    }

    /**
     * The error as a person reads it: {@code error: message}, then {@code at file:line:column:}
     * with the source line and a caret, then the frames.
     */
    public String render() {
        StringBuilder out = new StringBuilder("error: ").append(getMessage());
        appendLocation(out, pos);
        for (Frame frame : frames) {
            out.append("\n\n… ").append(frame.description());
            appendLocation(out, frame.pos());
        }
        return out.toString();
    }

    private static void appendLocation(StringBuilder out, Pos where) {
        if (where == null || !where.isKnown()) {
            return;
        }
        out.append("\n\n       at ").append(where).append(':');
        String line = where.source().line(where.line());
        if (!line.isEmpty()) {
            String number = Integer.toString(where.line());
            out.append("\n\n    ").append(number).append("| ").append(line);
            out.append("\n    ").append(" ".repeat(number.length())).append("| ")
                    .append(" ".repeat(Math.max(0, where.column() - 1))).append('^');
        }
    }
}
