package org.jmicrovm.lang.parse;

import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;

/** A syntax error in Nix source text, with the position of the offending token. */
public class ParseException extends NixException {

    public ParseException(String message, Pos pos) {
        super(message, pos);
    }
}
