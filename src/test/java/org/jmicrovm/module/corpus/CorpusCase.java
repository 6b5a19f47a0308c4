package org.jmicrovm.module.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One case of the module-system corpus ({@code src/test/resources/module}), read from its
 * {@code case.json} and expected file. See the corpus README for the meaning of each field.
 *
 * @param name            directory name, e.g. {@code prio-two-mkdefault-conflict}
 * @param directory       the case directory
 * @param description     what the case shows
 * @param modules         module files in evaluation order (relative to the case directory, or
 *                        {@code schema:<file>} for jmicrovm's schema modules); empty for expression cases
 * @param expr            the expression file ({@code { lib }: value}) of an expression case
 * @param specialArgs     file producing evalModules' specialArgs, if any
 * @param attr            attribute path into the result that is printed
 * @param checkAssertions whether NixOS' assertion rule is applied before reading {@code attr}
 * @param outcome         whether the oracle produced a value or an error
 * @param expected        the expected JSON text or error text, as written by regenerate.sh
 */
public record CorpusCase(
        String name,
        Path directory,
        String description,
        List<String> modules,
        Optional<String> expr,
        Optional<String> specialArgs,
        List<String> attr,
        boolean checkAssertions,
        Outcome outcome,
        String expected) {

    public enum Outcome { VALUE, ERROR }

    public static final String SCHEMA_PREFIX = "schema:";

    private static final ObjectMapper JSON = new ObjectMapper();

    public CorpusCase {
        modules = List.copyOf(modules);
        attr = List.copyOf(attr);
    }

    /** Reads the case in {@code directory}; fails with the file and the problem if it is malformed. */
    public static CorpusCase load(Path directory) {
        Path spec = directory.resolve("case.json");
        try {
            JsonNode json = JSON.readTree(spec.toFile());
            Outcome outcome = switch (json.path("expect").asText("value")) {
                case "value" -> Outcome.VALUE;
                case "error" -> Outcome.ERROR;
                default -> throw new IllegalArgumentException(spec + ": \"expect\" must be \"value\" or \"error\"");
            };
            Optional<String> expr = text(json, "expr");
            List<String> modules = strings(json.path("modules"));
            List<String> attr = json.has("attr")
                    ? strings(json.get("attr"))
                    : expr.isPresent() ? List.of() : List.of("config");
            Path expectedFile = directory.resolve(outcome == Outcome.VALUE ? "expected.json" : "expected-error.txt");
            if (!Files.isRegularFile(expectedFile)) {
                throw new IllegalArgumentException(directory + ": " + expectedFile.getFileName()
                        + " is missing; run regenerate.sh (see the corpus README)");
            }
            return new CorpusCase(
                    directory.getFileName().toString(),
                    directory,
                    json.path("description").asText(""),
                    modules,
                    expr,
                    text(json, "specialArgs"),
                    attr,
                    json.path("checkAssertions").asBoolean(false),
                    outcome,
                    Files.readString(expectedFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec, e);
        }
    }

    /** The file a module or expression name refers to, given the schema directory. */
    public Path resolve(String fileName, Path schemaDir) {
        return fileName.startsWith(SCHEMA_PREFIX)
                ? schemaDir.resolve(fileName.substring(SCHEMA_PREFIX.length())).normalize()
                : directory.resolve(fileName).normalize();
    }

    /** Every file the case names: modules, expression and specialArgs. */
    public List<String> referencedFiles() {
        List<String> files = new ArrayList<>(modules);
        expr.ifPresent(files::add);
        specialArgs.ifPresent(files::add);
        return files;
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(element -> result.add(element.asText()));
        return result;
    }
}
