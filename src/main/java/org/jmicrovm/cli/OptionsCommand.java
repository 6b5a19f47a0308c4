package org.jmicrovm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.OptionDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code microvm-host options}: every option a host configuration can set (host and guest), with type,
 * default and description; {@code --json} for tools, {@code --markdown} for {@code docs/options.md}.
 */
@Command(name = "options",
        mixinStandardHelpOptions = true,
        description = "List every option of a host configuration (host and guest) with type, default and description.")
public final class OptionsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Option(names = "--markdown", description = "Print the list as Markdown (the text of docs/options.md).")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<OptionDocs.OptionDoc> options;
        try (ModuleSystem system = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux"))) {
            options = OptionDocs.list(system);
        }
        if (json) {
            List<Map<String, Object>> rows = options.stream().map(OptionsCommand::row).toList();
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else if (markdown) {
            out.print(OptionDocs.markdown(options));
        } else {
            for (OptionDocs.OptionDoc o : options) {
                out.println(o.name());
                out.println("    type: " + o.type());
                o.defaultValue().ifPresent(d -> out.println("    default: " + d.replace("\n", "\n      ")));
                if (!o.description().isEmpty()) {
                    out.println("    " + o.description().replace("\n", "\n    "));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> row(OptionDocs.OptionDoc o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("type", o.type());
        o.defaultValue().ifPresent(d -> m.put("default", d));
        o.example().ifPresent(e -> m.put("example", e));
        m.put("description", o.description());
        m.put("readOnly", o.readOnly());
        m.put("declarations", o.declarations());
        return m;
    }
}
