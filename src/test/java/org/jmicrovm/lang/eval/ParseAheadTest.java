package org.jmicrovm.lang.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jmicrovm.lang.NixEvaluator;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Source;
import org.jmicrovm.lang.parse.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseAheadTest {
    @TempDir
    Path dir;

    private final List<String> parsedOn = new CopyOnWriteArrayList<>();

    private Function<Source, Expr> recordingParser() {
        return source -> {
            parsedOn.add(source.displayName() + " on " + Thread.currentThread().getName());
            return Parser.parseOnLargeStack(source, dir);
        };
    }

    @Test
    void filesNamedByAnImportedFileAreParsedOnTheSecondThreadAndTheirFilesToo() throws Exception {
        Files.writeString(dir.resolve("b.nix"), "{ c = import ./sub/c.nix; }");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.nix"), "42");
        String a = "let b = import ./b.nix; abs = " + dir.resolve("sub/c.nix") + "; in b # ./missing.nix";
        ParseAhead ahead = new ParseAhead(recordingParser());

        ahead.namedIn(dir.resolve("a.nix"), a);

        assertThat(ahead.take(dir.resolve("b.nix"))).isNotNull();
        assertThat(ahead.take(dir.resolve("sub/c.nix"))).isNotNull();
        assertThat(ahead.take(dir.resolve("missing.nix"))).isNull();
        assertThat(parsedOn).containsExactlyInAnyOrder(
                dir.resolve("b.nix") + " on nix-parse-ahead", dir.resolve("sub/c.nix") + " on nix-parse-ahead");
    }

    @Test
    void aFileChangedOrBrokenSinceIsParsedAgainAtItsImport() throws Exception {
        Path b = dir.resolve("b.nix");
        Path broken = dir.resolve("broken.nix");
        Files.writeString(b, "1");
        Files.writeString(broken, "{ x = ; }");
        ParseAhead ahead = new ParseAhead(recordingParser());
        ahead.namedIn(dir.resolve("a.nix"), "[ (import ./b.nix) (import ./broken.nix) ]");
        assertThat(ahead.take(broken)).isNull();
        assertThat(ahead.take(b)).isNotNull();

        Files.writeString(b, "22");
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 2000));
        assertThat(ahead.take(b)).isNull();
    }

    @Test
    void importsGiveTheSameValuesAndErrorsWithParsingAhead() throws Exception {
        Files.writeString(dir.resolve("b.nix"), "{ x }: x * 2");
        Files.writeString(dir.resolve("c.nix"), "{ y = ; }");
        Path a = dir.resolve("a.nix");
        Files.writeString(a, "{ ok = import ./b.nix { x = 21; }; bad = import ./c.nix; }");
        NixEvaluator nix = NixEvaluator.withDefaults();
        assertThat(nix.toJson(nix.evalString("(import " + a + ").ok", dir))).isEqualTo("42");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nix.evalString("(import " + a + ").bad", dir))
                .isInstanceOfSatisfying(org.jmicrovm.lang.NixException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("syntax error, unexpected ';'");
                    assertThat(e.pos()).hasToString(dir.resolve("c.nix") + ":1:7");
                });
    }
}
