package org.jmicrovm.build.debian;

import java.util.List;

/**
 * One configured archive: its base URI ({@code http://…/debian}), suites and components, as in an
 * apt {@code deb} line or a deb822 {@code .sources} stanza.
 */
public record AptSource(String uri, List<String> suites, List<String> components) {
    public AptSource {
        uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        suites = List.copyOf(suites);
        components = List.copyOf(components);
        if (suites.isEmpty() || components.isEmpty()) {
            throw new IllegalArgumentException("an archive source needs suites and components: " + uri);
        }
    }

    @Override
    public String toString() {
        return uri + " " + String.join(" ", suites) + " " + String.join(" ", components);
    }
}
