package org.jmicrovm.build.pkgs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package's {@code usr/lib/sysusers.d/*.conf} (sysusers.d(5)): the system users and groups it
 * needs, which systemd-sysusers (or the package's postinst) would create. jmicrovm applies them at
 * build time to the root tree's {@code /etc/passwd} and {@code /etc/group}, after base-passwd's.
 */
public record SysUsers(List<Entry> entries) {
    /** Ids systemd-sysusers allocates come from this one downwards (SYS_UID_MAX). */
    public static final int SYSTEM_ID_MAX = 999;
    private static final Pattern FIELD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    public SysUsers {
        entries = List.copyOf(entries);
    }

    /** One line of a sysusers.d file. */
    public sealed interface Entry {}

    /** {@code u name id gecos home shell}; {@code uid}/{@code gid} empty = allocate. */
    public record User(String name, Optional<Integer> uid, Optional<String> group, String gecos, String home,
                       String shell) implements Entry {}

    /** {@code g name id}. */
    public record Group(String name, Optional<Integer> gid) implements Entry {}

    /** {@code m user group}: adds the user to a supplementary group. */
    public record Member(String user, String group) implements Entry {}

    /**
     * Parses one file. {@code r} (id ranges) lines are accepted and ignored: allocation always
     * starts at {@value #SYSTEM_ID_MAX}. An unknown type is an error naming file and line.
     */
    public static SysUsers parse(String source, String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> f = new ArrayList<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
            String where = source + ":" + (i + 1) + ": ";
            if (f.size() < 2) {
                throw new IllegalArgumentException(where + "a sysusers.d line needs a type and a name: " + line);
            }
            String type = f.get(0).replace("!", "");
            String name = f.get(1);
            String id = field(f, 2);
            switch (type) {
                case "u" -> {
                    Optional<Integer> uid = Optional.empty();
                    Optional<String> group = Optional.empty();
                    if (!id.equals("-") && !id.startsWith("/")) {
                        String[] parts = id.split(":", 2);
                        uid = number(parts[0], where);
                        if (parts.length == 2) {
                            group = Optional.of(parts[1]);
                        }
                    }
                    out.add(new User(name, uid, group, dash(field(f, 3), ""), dash(field(f, 4), "/"),
                            dash(field(f, 5), "/usr/sbin/nologin")));
                }
                case "g" -> out.add(new Group(name, id.equals("-") || id.startsWith("/") ? Optional.empty()
                        : number(id, where)));
                case "m" -> {
                    if (id.equals("-")) {
                        throw new IllegalArgumentException(where + "an m line names a user and a group: " + line);
                    }
                    out.add(new Member(name, id));
                }
                case "r" -> { }
                default -> throw new IllegalArgumentException(where + "unknown sysusers.d type '" + f.get(0)
                        + "' (known: u g m r)");
            }
        }
        return new SysUsers(out);
    }

    private static String field(List<String> f, int i) {
        return i < f.size() ? f.get(i) : "-";
    }

    private static String dash(String value, String otherwise) {
        return value.equals("-") ? otherwise : value;
    }

    private static Optional<Integer> number(String s, String where) {
        if (s.equals("-")) {
            return Optional.empty();
        }
        if (!s.matches("\\d+")) {
            throw new IllegalArgumentException(where + "not a numeric id: " + s);
        }
        return Optional.of(Integer.parseInt(s));
    }

    /**
     * Adds the entries to {@code passwd} and {@code group} (lines keyed by name, in file order), as
     * systemd-sysusers does: existing accounts are kept, a requested id already in use is replaced
     * by a free one, a user without a group gets a group of its own name (with the same id when free).
     */
    public void applyTo(Map<String, String> passwd, Map<String, String> group) {
        for (Entry e : entries) {
            switch (e) {
                case Group g -> {
                    if (!group.containsKey(g.name())) {
                        int gid = g.gid().filter(id -> !ids(group).contains(id)).orElseGet(() -> free(passwd, group));
                        group.put(g.name(), g.name() + ":x:" + gid + ":");
                    }
                }
                case User u -> {
                    if (passwd.containsKey(u.name())) {
                        continue;
                    }
                    int uid = u.uid().filter(id -> !ids(passwd).contains(id)).orElseGet(() -> free(passwd, group));
                    String groupName = u.group().orElse(u.name());
                    if (groupName.matches("\\d+")) {
                        groupName = nameOf(group, Integer.parseInt(groupName)).orElse(u.name());
                    }
                    if (!group.containsKey(groupName)) {
                        int gid = ids(group).contains(uid) ? free(passwd, group) : uid;
                        group.put(groupName, groupName + ":x:" + gid + ":");
                    }
                    String gid = group.get(groupName).split(":", -1)[2];
                    passwd.put(u.name(), u.name() + ":x:" + uid + ":" + gid + ":" + u.gecos() + ":" + u.home() + ":"
                            + u.shell());
                }
                case Member m -> {
                    if (!group.containsKey(m.group())) {
                        group.put(m.group(), m.group() + ":x:" + free(passwd, group) + ":");
                    }
                    String[] g = group.get(m.group()).split(":", -1);
                    Set<String> members = new LinkedHashSet<>();
                    for (String s : g[3].split(",")) {
                        if (!s.isEmpty()) {
                            members.add(s);
                        }
                    }
                    members.add(m.user());
                    group.put(m.group(), g[0] + ":" + g[1] + ":" + g[2] + ":" + String.join(",", members));
                }
            }
        }
    }

    private static Optional<String> nameOf(Map<String, String> group, int gid) {
        return group.values().stream().map(l -> l.split(":", -1))
                .filter(f -> f[2].equals(Integer.toString(gid))).map(f -> f[0]).findFirst();
    }

    /** The ids (field 3) of passwd or group lines. */
    static Set<Integer> ids(Map<String, String> lines) {
        Set<Integer> out = new HashSet<>();
        lines.values().forEach(l -> out.add(Integer.parseInt(l.split(":", -1)[2])));
        return out;
    }

    /** The highest id at most {@value #SYSTEM_ID_MAX} that is neither a uid nor a gid yet. */
    static int free(Map<String, String> passwd, Map<String, String> group) {
        Set<Integer> used = ids(passwd);
        used.addAll(ids(group));
        int id = SYSTEM_ID_MAX;
        while (used.contains(id)) {
            id--;
        }
        return id;
    }
}
