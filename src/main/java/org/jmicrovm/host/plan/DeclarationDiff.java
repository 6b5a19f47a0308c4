package org.jmicrovm.host.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What changed between two declarations of a VM ({@code share/microvm/declaration.json} of two runners), in
 * the words of its configuration: {@code microvm.mem: 512 -> 1024}, {@code microvm.shares[data]: added},
 * {@code environment.systemPackages: + nginx}. Items of lists that have an identity (a share's tag, a volume's
 * image, an interface's id, a user's name) are matched by it, so inserting one share does not report every
 * share after it as changed. A few changes get a consequence a user would not guess: a volume image that
 * already exists is not resized, a volume no longer declared keeps its image.
 */
public final class DeclarationDiff {

    /** The fields that name an item of a list, tried in this order. */
    private static final List<String> IDENTITIES = List.of("tag", "image", "id", "name", "mac", "path");
    private static final int SHORT = 60;
    /** Fields whose values a plan does not print. */
    private static final java.util.regex.Pattern SECRET =
            java.util.regex.Pattern.compile("(?i).*(password|secret|token).*");

    private final List<String> out = new ArrayList<>();

    private DeclarationDiff() {}

    /** One line per change, in the order of the document; empty when the declarations are equal. */
    public static List<String> between(Map<String, Object> before, Map<String, Object> after) {
        DeclarationDiff diff = new DeclarationDiff();
        diff.maps("", before, after);
        return List.copyOf(diff.out);
    }

    private void value(String path, Object a, Object b) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (SECRET.matcher(path.substring(path.lastIndexOf('.') + 1)).matches()) {
            // plans end up in CI logs: a password hash is not shown, only that it changed
            out.add(path + ": changed (not shown)");
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            maps(path, cast(ma), cast(mb));
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            lists(path, la, lb);
        } else if (a instanceof String sa && b instanceof String sb && (multiLine(sa) || multiLine(sb))) {
            out.add(path + ": changed (" + lineCount(sa) + " -> " + lineCount(sb) + ")");
        } else {
            out.add(path + ": " + render(a) + " -> " + render(b));
        }
    }

    private void maps(String path, Map<String, Object> a, Map<String, Object> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            String at = path.isEmpty() ? key : path + "." + key;
            if (!a.containsKey(key)) {
                out.add(at + ": added" + summary(b.get(key)));
            } else if (!b.containsKey(key)) {
                out.add(at + ": removed");
            } else {
                value(at, a.get(key), b.get(key));
            }
        }
    }

    private void lists(String path, List<?> a, List<?> b) {
        Optional<String> identity = identity(a, b);
        if (identity.isPresent()) {
            keyedLists(path, identity.get(), a, b);
        } else if (a.stream().noneMatch(DeclarationDiff::isTree) && b.stream().noneMatch(DeclarationDiff::isTree)) {
            List<String> changes = new ArrayList<>();
            b.stream().filter(x -> !a.contains(x)).forEach(x -> changes.add("+ " + render(x)));
            a.stream().filter(x -> !b.contains(x)).forEach(x -> changes.add("- " + render(x)));
            out.add(path + ": " + (changes.isEmpty() ? "same items, new order" : String.join(", ", changes)));
        } else if (a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                value(path + "[" + i + "]", a.get(i), b.get(i));
            }
        } else {
            out.add(path + ": " + a.size() + " -> " + b.size() + " items");
        }
    }

    private void keyedLists(String path, String identity, List<?> a, List<?> b) {
        Map<String, Map<String, Object>> before = byIdentity(identity, a);
        Map<String, Map<String, Object>> after = byIdentity(identity, b);
        for (var e : after.entrySet()) {
            String at = path + "[" + e.getKey() + "]";
            if (!before.containsKey(e.getKey())) {
                out.add(at + ": added" + consequenceOfAdding(path, e.getValue()));
            } else {
                Map<String, Object> old = before.get(e.getKey());
                for (String key : union(old.keySet(), e.getValue().keySet())) {
                    String field = at + "." + key;
                    int lines = out.size();
                    value(field, old.get(key), e.getValue().get(key));
                    if (out.size() > lines) {
                        consequenceOfChanging(path, key).ifPresent(c -> out.set(out.size() - 1, out.getLast() + c));
                    }
                }
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                out.add(path + "[" + key + "]: removed" + (path.equals("microvm.volumes")
                        ? " (its image stays where it is; delete it by hand when it is no longer wanted)" : ""));
            }
        }
        List<String> kept = after.keySet().stream().filter(before::containsKey).toList();
        List<String> keptBefore = before.keySet().stream().filter(after::containsKey).toList();
        if (!kept.equals(keptBefore)) {
            out.add(path + ": new order " + String.join(", ", kept)
                    + (path.equals("microvm.volumes") ? " (the guest sees the volumes as other /dev/vdX devices)" : ""));
        }
    }

    private static String consequenceOfAdding(String list, Map<String, Object> item) {
        if (list.equals("microvm.volumes") && Boolean.TRUE.equals(item.get("autoCreate"))) {
            return " (created empty at the next start when its image does not exist)";
        }
        return "";
    }

    private static Optional<String> consequenceOfChanging(String list, String field) {
        if (list.equals("microvm.volumes") && field.equals("size")) {
            return Optional.of(" (an existing image keeps its size: `microvm reset` recreates autoCreate images)");
        }
        if (list.equals("microvm.volumes") && (field.equals("fsType") || field.equals("label"))) {
            return Optional.of(" (an existing image is not formatted again)");
        }
        return Optional.empty();
    }

    /** The first identity field that every item of both lists has, with no two items of one list sharing it. */
    private static Optional<String> identity(List<?> a, List<?> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return Optional.empty();
        }
        for (String field : IDENTITIES) {
            if (identifies(field, a) && identifies(field, b)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static boolean identifies(String field, List<?> items) {
        Set<Object> seen = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get(field) instanceof String id) || !seen.add(id)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Map<String, Object>> byIdentity(String field, List<?> items) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object item : items) {
            Map<String, Object> m = cast((Map<?, ?>) item);
            out.put((String) m.get(field), m);
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String summary(Object value) {
        if (value == null || isTree(value)) {
            return "";
        }
        return " (" + render(value) + ")";
    }

    private static boolean isTree(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }

    private static boolean multiLine(String s) {
        return s.strip().contains("\n");
    }

    private static String lineCount(String s) {
        long n = s.isBlank() ? 0 : s.strip().lines().count();
        return n + (n == 1 ? " line" : " lines");
    }

    /** A value as a person reads it on one line: strings quoted, long ones shortened. */
    static String render(Object value) {
        String text = switch (value) {
            case null -> "null";
            case String s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
            case Map<?, ?> m -> m.isEmpty() ? "{ }" : "{ " + m.size() + (m.size() == 1 ? " attribute }" : " attributes }");
            case List<?> l -> l.isEmpty() ? "[ ]" : "[ " + l.size() + (l.size() == 1 ? " item ]" : " items ]");
            default -> value.toString();
        };
        return text.length() <= SHORT ? text : text.substring(0, SHORT - 4) + "…" + text.substring(text.length() - 3);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
