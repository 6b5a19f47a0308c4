package org.jmicrovm.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a build depends on, written down so it can be hashed: the builder and its version,
 * named text inputs (script texts, options, content hashes of files), and the store paths it
 * reads. Store paths it reads are named by their own hashes, so a change anywhere below changes
 * the hash here too.
 *
 * @param name       the name of the output path
 * @param builder    which code builds it and the version of that code; bump it when output changes
 * @param inputs     named text inputs
 * @param references store paths the output refers to at run time (kept alive with it)
 * @param buildOnly  store paths only read while building (copied in, not referred to)
 */
public record BuildInputs(String name, String builder, SortedMap<String, String> inputs,
                          SortedSet<StorePath> references, SortedSet<StorePath> buildOnly) {

    public BuildInputs {
        StoreName.check(name);
        Objects.requireNonNull(builder, "builder");
        inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
        references = Collections.unmodifiableSortedSet(new TreeSet<>(references));
        buildOnly = Collections.unmodifiableSortedSet(new TreeSet<>(buildOnly));
    }

    public static Builder named(String name, String builder) {
        return new Builder(name, builder);
    }

    /**
     * The text that is hashed. Every field is length-prefixed so no two different inputs can
     * produce the same text.
     */
    public String canonicalText() {
        StringBuilder out = new StringBuilder("jmicrovm-build-inputs-v1\n");
        field(out, "name", name);
        field(out, "builder", builder);
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            field(out, "input:" + e.getKey(), e.getValue());
        }
        for (StorePath p : references) {
            field(out, "reference", p.baseName());
        }
        for (StorePath p : buildOnly) {
            field(out, "build-input", p.baseName());
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String key, String value) {
        out.append(key.length()).append(':').append(key).append('=')
                .append(value.length()).append(':').append(value).append('\n');
    }

    public String hash() {
        return StoreHash.ofText(canonicalText());
    }

    public static final class Builder {
        private final String name;
        private final String builder;
        private final SortedMap<String, String> inputs = new TreeMap<>();
        private final List<StorePath> references = new ArrayList<>();
        private final List<StorePath> buildOnly = new ArrayList<>();

        private Builder(String name, String builder) {
            this.name = name;
            this.builder = builder;
        }

        public Builder input(String key, String value) {
            if (inputs.putIfAbsent(key, Objects.requireNonNull(value, key)) != null) {
                throw new IllegalArgumentException("build input '" + key + "' given twice");
            }
            return this;
        }

        public Builder reference(StorePath path) {
            references.add(path);
            return this;
        }

        public Builder buildInput(StorePath path) {
            buildOnly.add(path);
            return this;
        }

        public BuildInputs build() {
            return new BuildInputs(name, builder, inputs, new TreeSet<>(references), new TreeSet<>(buildOnly));
        }
    }
}
