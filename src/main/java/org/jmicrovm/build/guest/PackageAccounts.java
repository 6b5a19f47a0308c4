package org.jmicrovm.build.guest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges the accounts of a guest's Debian packages (base-passwd's, www-data, sshd…) with those from
 * {@code users.users}: lines are keyed by name; a declared account replaces the package's entry of
 * the same name (root keeps uid 0 either way), other package accounts stay as the packages expect.
 */
final class PackageAccounts {
    private PackageAccounts() {}

    /** passwd or group: the packages' lines, then the generated ones (a generated line wins for its name). */
    static String merge(String fromPackages, String generated) {
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, fromPackages, false);
        put(lines, generated, true);
        StringBuilder out = new StringBuilder();
        lines.values().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static void put(Map<String, String> lines, String text, boolean replaceExceptNobody) {
        for (String l : text.split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            String name = l.substring(0, l.indexOf(':'));
            if (replaceExceptNobody && (name.equals("nobody") || name.equals("nogroup")) && lines.containsKey(name)) {
                continue;
            }
            lines.put(name, l);
        }
    }

    /** A locked password for every package account the generated shadow does not mention. */
    static String shadow(String packagePasswd, String generated) {
        StringBuilder out = new StringBuilder(generated);
        for (String l : packagePasswd.split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            String name = l.substring(0, l.indexOf(':'));
            if (!generated.startsWith(name + ":") && !generated.contains("\n" + name + ":")) {
                out.append(name).append(":!:1::::::\n");
            }
        }
        return out.toString();
    }
}
