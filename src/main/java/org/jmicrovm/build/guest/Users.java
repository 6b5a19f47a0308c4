package org.jmicrovm.build.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jmicrovm.model.GuestOs;

/**
 * {@code /etc/passwd}, {@code /etc/group} and {@code /etc/shadow} from {@code users.users}. Ids are
 * allocated as NixOS does in spirit: normal users from 1000 up, system users from 999 down;
 * a primary group named like no existing group gets the user's id.
 */
public final class Users {
    /** A login entry after ids are allocated. */
    public record Account(String name, int uid, int gid, String home, String shell, String passwordHash,
                          List<String> authorizedKeys, boolean createHome) {}

    private final List<Account> accounts = new ArrayList<>();
    private final Map<String, Integer> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();
    private final Set<Integer> packageGids = new LinkedHashSet<>();

    public static Users of(List<GuestOs.User> declared) {
        return of(declared, "", "");
    }

    /**
     * @param packagePasswd the accounts the guest's packages bring (base-passwd, sysusers.d…): their
     *                      ids are never handed out again, and a group they define keeps its id
     * @param packageGroup  the packages' groups
     */
    public static Users of(List<GuestOs.User> declared, String packagePasswd, String packageGroup) {
        Users u = new Users();
        Map<String, Integer> packageGroups = new LinkedHashMap<>();
        Set<Integer> usedGids = new LinkedHashSet<>();
        for (String[] g : lines(packageGroup)) {
            packageGroups.put(g[0], Integer.parseInt(g[2]));
            usedGids.add(Integer.parseInt(g[2]));
            if (g.length > 3 && !g[3].isEmpty()) {
                u.members.computeIfAbsent(g[0], k -> new LinkedHashSet<>()).addAll(List.of(g[3].split(",")));
            }
        }
        u.packageGids.addAll(usedGids);
        for (Map.Entry<String, Integer> g : Map.of("root", 0, "wheel", 1, "users", 100, "nogroup", 65534).entrySet()
                .stream().sorted(Map.Entry.comparingByValue()).toList()) {
            Integer fromPackages = packageGroups.get(g.getKey());
            if (fromPackages != null) {
                u.groups.put(g.getKey(), fromPackages);
            } else if (!usedGids.contains(g.getValue())) {
                u.groups.put(g.getKey(), g.getValue());
            } else {
                u.groups.put(g.getKey(), u.freeGid()); // e.g. wheel: gid 1 is Debian's daemon
            }
        }
        u.accounts.add(new Account("root", 0, 0, "/root", "/bin/sh", "!", List.of(), true));
        Set<Integer> usedUids = new LinkedHashSet<>(List.of(0, 65534));
        for (String[] p : lines(packagePasswd)) {
            usedUids.add(Integer.parseInt(p[2]));
        }
        // a system user's own group gets its uid as gid: keep package gids out of the uids handed out
        usedUids.addAll(usedGids);
        for (GuestOs.User d : declared) {
            d.uid().ifPresent(usedUids::add);
        }
        int nextNormal = 1000;
        int nextSystem = 999;
        for (GuestOs.User d : declared) {
            if (d.name().equals("root")) {
                Account root = u.accounts.remove(0);
                u.accounts.add(0, new Account("root", 0, 0, root.home(), d.shell(),
                        password(d), d.authorizedKeys(), true));
                continue;
            }
            int uid;
            if (d.uid().isPresent()) {
                uid = d.uid().get();
            } else if (d.isNormalUser()) {
                while (usedUids.contains(nextNormal)) {
                    nextNormal++;
                }
                uid = nextNormal++;
            } else {
                while (usedUids.contains(nextSystem)) {
                    nextSystem--;
                }
                uid = nextSystem--;
            }
            usedUids.add(uid);
            int gid = u.groups.computeIfAbsent(d.group(),
                    g -> packageGroups.getOrDefault(g, u.packageGids.contains(uid) ? u.freeGid() : uid));
            for (String extra : d.extraGroups()) {
                u.groups.computeIfAbsent(extra, g -> packageGroups.getOrDefault(g, u.freeGid()));
                u.members.computeIfAbsent(extra, g -> new LinkedHashSet<>()).add(d.name());
            }
            u.accounts.add(new Account(d.name(), uid, gid, d.home(), d.shell(), password(d),
                    d.authorizedKeys(), d.isNormalUser()));
        }
        return u;
    }

    /**
     * The shadow password field: the declared hash, else no password. An account with authorized
     * keys gets {@code *} (no password can match) rather than {@code !} (locked), because sshd
     * without PAM and dropbear refuse every login, keys included, to a locked account.
     */
    private static String password(GuestOs.User d) {
        return d.hashedPassword().orElse(d.authorizedKeys().isEmpty() ? "!" : "*");
    }

    private static List<String[]> lines(String text) {
        List<String[]> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.split(":", -1));
            }
        }
        return out;
    }

    private int freeGid() {
        int g = 900;
        while (groups.containsValue(g) || packageGids.contains(g)) {
            g++;
        }
        return g;
    }

    public List<Account> accounts() {
        return List.copyOf(accounts);
    }

    public String passwd() {
        StringBuilder s = new StringBuilder();
        for (Account a : accounts) {
            s.append(a.name()).append(":x:").append(a.uid()).append(':').append(a.gid()).append("::")
                    .append(a.home()).append(':').append(a.shell()).append('\n');
        }
        s.append("nobody:x:65534:65534::/var/empty:/bin/false\n");
        return s.toString();
    }

    public String group() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Integer> g : groups.entrySet()) {
            s.append(g.getKey()).append(":x:").append(g.getValue()).append(':')
                    .append(String.join(",", members.getOrDefault(g.getKey(), Set.of()))).append('\n');
        }
        return s.toString();
    }

    public String shadow() {
        StringBuilder s = new StringBuilder();
        for (Account a : accounts) {
            s.append(a.name()).append(':').append(a.passwordHash()).append(":1::::::\n");
        }
        s.append("nobody:!:1::::::\n");
        return s.toString();
    }
}
