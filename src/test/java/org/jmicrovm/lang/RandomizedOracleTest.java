package org.jmicrovm.lang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated inputs (fixed seeds, so failures reproduce), many cases batched into one list
 * expression so that one nix-instantiate run checks them all: float formatting, regexes,
 * sorting with odd comparators, version comparison, string replacement and escaping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RandomizedOracleTest {

    private NixEvaluator nix;
    private final Path dir = Path.of("/tmp");

    @BeforeAll
    void start() {
        nix = new NixEvaluator(EvalOptions.isolated());
    }

    @AfterAll
    void stop() {
        nix.close();
    }

    private void check(List<String> cases) {
        OracleCheck.sameJson(nix, "[\n" + String.join("\n", cases) + "\n]", dir);
    }

    private static String nixString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '$' -> b.append("\\$");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A float literal Nix's lexer accepts, for a double within its range. */
    private static String floatLiteral(double d) {
        String s = String.format(Locale.ROOT, "%.17e", Math.abs(d));
        String lit = s.replace("e+", "e");
        return d < 0 ? "(0.0 - " + lit + ")" : lit;
    }

    @Test
    void floatsPrintAsNixPrintsThem() {
        Random r = new Random(1);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double d = switch (i % 4) {
                case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                case 1 -> Math.round(r.nextDouble() * 1e7) / Math.pow(10, r.nextInt(8));
                case 2 -> (r.nextInt(2000000) - 1000000) / 8.0;
                default -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) % 1e30;
            };
            if (Double.isNaN(d) || Math.abs(d) < 1e-300) {
                d = 0.5;
            }
            String lit = floatLiteral(d);
            cases.add("[ " + lit + " (toString " + lit + ") ]");
        }
        check(cases);
    }

    @Test
    void regexesMatchAndSplitAsNix() {
        Random r = new Random(2);
        String[] atoms = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab|a)", "(a*)", "(b|)", "x", "[[:alpha:]]", "(a|ab|abc)", "\\."};
        String[] quants = {"", "", "", "*", "+", "?", "{1,2}", "{2}"};
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder p = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                p.append(atoms[r.nextInt(atoms.length)]).append(quants[r.nextInt(quants.length)]);
                if (r.nextInt(8) == 0) {
                    p.append('|');
                }
            }
            if (r.nextInt(6) == 0) {
                p.insert(0, '^');
            }
            if (r.nextInt(6) == 0) {
                p.append('$');
            }
            StringBuilder s = new StringBuilder();
            int len = r.nextInt(8);
            for (int k = 0; k < len; k++) {
                s.append("abx.c".charAt(r.nextInt(5)));
            }
            String fn = r.nextBoolean() ? "match" : "split";
            cases.add("(builtins." + fn + " " + nixString(p.toString()) + " " + nixString(s.toString()) + ")");
        }
        check(cases);
    }

    @Test
    void sortingWithConsistentAndInconsistentComparators() {
        Random r = new Random(3);
        List<String> cases = new ArrayList<>();
        String[] comparators = {
            "builtins.lessThan", "(a: b: a < b)", "(a: b: a > b)", "(a: b: builtins.bitAnd a 3 < builtins.bitAnd b 3)",
            "(a: b: builtins.bitAnd (a * 31 + b * 17) 3 == 0)", "(a: b: a <= b)", "(a: b: true)",
        };
        for (int i = 0; i < 120; i++) {
            int n = r.nextInt(40);
            StringBuilder l = new StringBuilder("[");
            for (int k = 0; k < n; k++) {
                l.append(' ').append(r.nextInt(50));
            }
            l.append(" ]");
            cases.add("(builtins.sort " + comparators[r.nextInt(comparators.length)] + " " + l + ")");
        }
        check(cases);
    }

    @Test
    void versionsCompareAsNix() {
        Random r = new Random(4);
        String[] parts = {"1", "2", "10", "0", "pre", "a", "rc", "beta", "", "99999999999", "01"};
        String[] seps = {".", "-", "", ".."};
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            StringBuilder v = new StringBuilder();
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                v.append(parts[r.nextInt(parts.length)]).append(k + 1 < n ? seps[r.nextInt(seps.length)] : "");
            }
            versions.add(v.toString());
        }
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            String a = nixString(versions.get(i));
            String b = nixString(versions.get((i * 7 + 3) % versions.size()));
            cases.add("[ (builtins.compareVersions " + a + " " + b + ") (builtins.splitVersion " + a
                    + ") (builtins.parseDrvName " + a + ") ]");
        }
        check(cases);
    }

    @Test
    void stringsReplaceEscapeAndCut() {
        Random r = new Random(5);
        String alphabet = "ab\"\\$\n\t{}é\u0001/ ";
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String str = nixString(s.toString());
            String from = nixString(s.length() > 1 ? s.substring(0, 1 + r.nextInt(2)) : "a");
            cases.add("[ (builtins.replaceStrings [ " + from + " \"\" ] [ \"X\" \"-\" ] " + str + ") (builtins.toJSON "
                    + str + ") (builtins.substring " + r.nextInt(4) + " " + (r.nextInt(6) - 1) + " " + str
                    + ") (builtins.stringLength " + str + ") (builtins.hashString \"sha1\" " + str + ") ]");
        }
        check(cases);
    }
}
