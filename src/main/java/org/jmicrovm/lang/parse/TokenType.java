package org.jmicrovm.lang.parse;

/**
 * The tokens of the Nix language. {@link #displayName()} is the name Nix's parser uses for
 * the token in its "syntax error, unexpected X, expecting Y" messages.
 */
enum TokenType {
    ID("ID"), INT("INT"), FLOAT("FLOAT"), STR("STR"), IND_STR("IND_STR"),
    PATH("PATH"), HPATH("HPATH"), SPATH("SPATH"), PATH_END("PATH_END"), URI("URI"),
    IF("IF"), THEN("THEN"), ELSE("ELSE"), ASSERT("ASSERT"), WITH("WITH"), LET("LET"), IN("IN"),
    REC("REC"), INHERIT("INHERIT"), OR_KW("OR_KW"), ELLIPSIS("ELLIPSIS"),
    EQ("EQ"), NEQ("NEQ"), LEQ("LEQ"), GEQ("GEQ"), AND("AND"), OR("OR"), IMPL("IMPL"),
    UPDATE("UPDATE"), CONCAT("CONCAT"),
    DOLLAR_CURLY("DOLLAR_CURLY"), IND_STRING_OPEN("IND_STRING_OPEN"), IND_STRING_CLOSE("IND_STRING_CLOSE"),
    LBRACE("'{'"), RBRACE("'}'"), LBRACK("'['"), RBRACK("']'"), LPAREN("'('"), RPAREN("')'"),
    QUOTE("'\"'"), SEMI("';'"), COLON("':'"), COMMA("','"), AT("'@'"), DOT("'.'"), ASSIGN("'='"),
    QUESTION("'?'"), NOT("'!'"), PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"),
    LT("'<'"), GT("'>'"),
    /** A character that no rule of the grammar uses, e.g. {@code %} or a non-ASCII byte. */
    INVALID("invalid token"),
    EOF("end of file");

    private final String displayName;

    TokenType(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }
}
