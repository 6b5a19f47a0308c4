package org.jmicrovm.build.pkgs;

import java.io.PrintStream;

/** Where long steps (fetching, unpacking) report what they are doing. */
@FunctionalInterface
public interface Progress {
    void report(String line);

    static Progress to(PrintStream out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    static Progress silent() {
        return line -> {};
    }
}
