package org.jmicrovm.build.runner;

/**
 * One argument of a hypervisor command line. Almost all are literal; a few (kvmtool's macvtap device path)
 * are only known when {@code microvm-run} runs and are written as a shell word that expands then.
 */
public sealed interface Arg {

    /** The argument as a {@code microvm-run} line spells it. */
    String shellWord();

    /** The argument for golden files and logs. */
    String display();

    static Arg of(String value) {
        return new Literal(value);
    }

    record Literal(String value) implements Arg {
        public Literal {
            java.util.Objects.requireNonNull(value);
        }

        @Override
        public String shellWord() {
            return Shell.quote(value);
        }

        @Override
        public String display() {
            return value;
        }
    }

    /**
     * An argument with run-time expansions. {@code doubleQuoted} is the text between double quotes, so its
     * {@code $(...)} expands when the script runs; the generator only builds it from validated names.
     */
    record Runtime(String doubleQuoted) implements Arg {
        public Runtime {
            java.util.Objects.requireNonNull(doubleQuoted);
        }

        @Override
        public String shellWord() {
            return "\"" + doubleQuoted + "\"";
        }

        @Override
        public String display() {
            return doubleQuoted;
        }
    }
}
