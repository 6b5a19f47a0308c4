package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code microvm-host options}, and {@code docs/options.md} as its Markdown output. */
class OptionsDocTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new OptionsCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void docsOptionsMdIsTheCommandsMarkdown() throws IOException {
        Path doc = Path.of("docs/options.md");
        assertThat(Files.readString(doc))
                .withFailMessage("docs/options.md is out of date; regenerate it with: bin/microvm-host options --markdown > docs/options.md")
                .isEqualTo(run("--markdown"));
    }

    @Test
    void jsonListsHostAndGuestOptionsWithTypesAndDefaults() {
        String json = run("--json");
        assertThat(json).contains("\"name\" : \"microvm.vms.<name>.autostart\"")
                .contains("\"name\" : \"microvm.vms.<name>.config.microvm.mem\"")
                .contains("\"type\" : \"positive integer, meaning >0\"")
                .contains("\"name\" : \"microvm.vms.<name>.config.microvm.shares.*.proto\"")
                .contains("\"default\" : \"\\\"9p\\\"\"")
                .doesNotContain("_module");
    }
}
