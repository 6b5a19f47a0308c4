package org.jmicrovm.lang.builtins;

import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.OracleCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code match} and {@code split} against Nix (libstdc++'s POSIX extended regexes): alternation
 * preferring the longer branch in searches, greedy repetition, empty matches, bracket
 * expressions and classes, anchors, intervals, bytes of UTF-8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegexOracleTest {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "builtins.split \"(a|ab)\" \"abc\"", "builtins.match \"(a|ab)(c|bcd)(d*)\" \"abcd\"",
        "builtins.split \"(a*)(ab)?\" \"aab\"", "builtins.split \"(a|ab)(c|bcd)?\" \"abcd\"",
        "builtins.match \"(a*)(a*)\" \"aaa\"", "builtins.match \"(a|b)*\" \"abab\"", "builtins.match \"((a)|(b))*\" \"ab\"",
        "builtins.split \"x*\" \"axbxxc\"", "builtins.split \"\" \"abc\"", "builtins.split \"\" \"\"", "builtins.split \"a\" \"\"",
        "builtins.match \"[]a]+\" \"a]a\"", "builtins.match \"[^]a]+\" \"bcd\"", "builtins.match \"a{2,3}\" \"aaa\"",
        "builtins.match \"a{2,3}\" \"aaaa\"", "builtins.match \"a{2}\" \"aa\"", "builtins.match \"a{2,}\" \"aaaaa\"",
        "builtins.match \"(a{1,2}){2}\" \"aaa\"", "builtins.match \"(.)\" \"é\"", "builtins.match \"(..)\" \"é\"",
        "builtins.match \"a\\\\.b\" \"a.b\"", "builtins.match \"a\\\\.b\" \"axb\"", "builtins.match \"[^a]b\" \"\\nb\"",
        "builtins.match \".b\" \"\\nb\"", "builtins.split \"(,|, )\" \"a, b,c\"", "builtins.match \"(|a)b\" \"ab\"",
        "builtins.match \"a(b|bc|bcd)(d*)\" \"abcd\"", "builtins.match \"[[:digit:]]+\" \"123\"",
        "builtins.match \"[[:space:]]*([^[:space:]]+)[[:space:]]*\" \"  hi  \"", "builtins.match \"[[:upper:][:digit:]_]+\" \"AB_1\"",
        "builtins.match \"[a-c-]+\" \"a-c\"", "builtins.match \"[-a]+\" \"-a\"", "builtins.match \"[a\\\\]+\" \"a\\\\\"",
        "builtins.match \"[.]\" \".\"", "builtins.match \"[*+?{]+\" \"*+?{\"", "builtins.match \"a|b|c\" \"b\"",
        "builtins.match \"^abc$\" \"abc\"", "builtins.split \"^a\" \"aaa\"", "builtins.split \"a$\" \"aaa\"",
        "builtins.split \"^\" \"ab\"", "builtins.split \"$\" \"ab\"", "builtins.match \"(a)|(b)\" \"b\"",
        "builtins.split \"(a)|(b)\" \"xaybz\"", "builtins.match \"(a*)*\" \"aa\"", "builtins.match \"(a*)+\" \"aa\"",
        "builtins.match \"(a|)*\" \"aa\"", "builtins.split \"(a*)*\" \"baac\"", "builtins.match \"(ab|a)(bc|c)\" \"abc\"",
        "builtins.split \"(ab|a)(bc|c)?\" \"abcabc\"", "builtins.match \"x(a|ab)*y\" \"xababy\"",
        "builtins.split \"[[:alpha:]]+\" \"hello world 42\"", "builtins.split \"(o)\" \"foo\"", "builtins.split \"o*\" \"foo\"",
        "builtins.match \".*\" \"\"", "builtins.match \"\" \"\"", "builtins.match \"\" \"a\"", "builtins.match \"()\" \"\"",
        "builtins.match \"(a)?\" \"\"", "builtins.match \"a?\" \"a\"", "builtins.match \"a+?\" \"aa\"", "builtins.match \"a**\" \"aa\"",
        "builtins.match \"[a-z]+@[a-z]+\\\\.com\" \"me@site.com\"", "builtins.match \"(.*)-([0-9.]+)\" \"hello-2.10\"",
        "builtins.match \"([^-]*)-(.*)\" \"a-b-c\"", "builtins.match \"(.*)-(.*)\" \"a-b-c\"",
        "builtins.split \"/\" \"/usr/local/bin\"", "builtins.split \"(/)\" \"a/b\"", "builtins.match \"é+\" \"éé\"",
        "builtins.match \"[é]\" \"é\"", "builtins.split \"[[:space:]]+\" \" a  b \"", "builtins.match \"a}b]\" \"a}b]\"",
        "builtins.match \"[[:alpha:]-]+\" \"a-b\"", "builtins.match \"[[.a.]b]+\" \"ab\"", "builtins.match \"[[=a=]]\" \"a\"",
        "builtins.match \"\\\\(a\\\\)\" \"(a)\"", "builtins.match \"\\\\{\\\\[\\\\|\\\\^\\\\$\\\\.\\\\*\\\\+\\\\?\\\\\\\\\" \"{[|^$.*+?\\\\\"", 
        "builtins.match \"(((a)))\" \"a\"", "builtins.match \"(a(b(c)))\" \"abc\"", "builtins.split \"(a(b)?)+\" \"xababay\"",
        "builtins.match \"[0-9]{1,3}(\\\\.[0-9]{1,3}){3}\" \"192.168.1.1\"", "builtins.match \"(a|b|ab|ba)*\" \"abab\"",
        "builtins.split \"(a|b|ab|ba)\" \"abab\"", "builtins.match \"(x?)*y\" \"xxy\"", "builtins.match \"(\\\\$)\" \"$\"",
    })
    void sameAsNix(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "builtins.match \"(\" \"\"", "builtins.match \")\" \"\"", "builtins.match \"*a\" \"a\"", "builtins.match \"a{\" \"a\"",
        "builtins.match \"a{1\" \"a\"", "builtins.match \"a{2,1}\" \"a\"", "builtins.match \"[a\" \"a\"", "builtins.match \"[z-a]\" \"a\"",
        "builtins.match \"[[:nope:]]\" \"a\"", "builtins.match \"a\\\\\" \"a\"", "builtins.match \"+\" \"a\"", "builtins.match \"{1}\" \"a\"",
        "builtins.match \"a|*\" \"a\"", "builtins.match \"a\\\\{2\\\\}\" \"a{2}\"", "builtins.match \"\\\\n\" \"n\"",
        "builtins.match \"\\\\]\" \"]\"", "builtins.match \"\\\\-\" \"-\"", "builtins.match \"(a)\\\\1\" \"aa\"", "builtins.match \"[a-[:alpha:]]\" \"a\"", "builtins.match \"[[:alpha:]-z]\" \"a\"",
    })
    void rejectsLikeNix(String expr) {
        OracleCheck.sameJson(nix, expr, dir);
    }
}
