package org.jmicrovm.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jmicrovm.lang.ast.Expr;
import org.jmicrovm.lang.ast.Source;
import org.jmicrovm.lang.parse.Parser;
import org.junit.jupiter.api.Test;

class BuiltinParsesTest {

    private static final Path HOME = Path.of("/nonexistent-home");

    @Test
    void listsEveryBuiltinNixFile() throws IOException, URISyntaxException {
        Path root = Path.of(BuiltinParsesTest.class.getClassLoader().getResource("org/jmicrovm/module/lib").toURI()).getParent();
        List<String> onDisk;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("lib")), Files.walk(root.resolve("schema")))) {
            onDisk = files.filter(p -> p.toString().endsWith(".nix")).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(BuiltinParses.FILES).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void givesTheTreesTheParserGives() {
        BuiltinParses parses = new BuiltinParses(HOME);
        assertThat(parses.get("schema/host.nix")).as("nothing before start").isNull();
        parses.start();
        for (String rel : List.of("schema/guest/checks.nix", "lib/default.nix", "schema/host.nix")) {
            Expr expected = Parser.parse(Source.ofFile(Session.ROOT.resolve(rel),
                    Session.readResource(Session.resourceOf(rel))), HOME);
            assertThat(parses.get(rel)).as(rel).isEqualTo(expected);
        }
        assertThat(parses.get("lib/not-a-file.nix")).isNull();
    }
}
