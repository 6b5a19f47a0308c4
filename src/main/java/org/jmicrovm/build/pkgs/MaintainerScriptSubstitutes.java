package org.jmicrovm.build.pkgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jmicrovm.build.debian.DebUnpacker;
import org.jmicrovm.store.StorePath;

/**
 * What Debian's maintainer scripts would have done to a root tree, written declaratively (no script
 * runs, nothing executes guest binaries, so foreign architectures work alike):
 * <ul>
 * <li>{@code /etc/passwd}, {@code /etc/group} from base-passwd's master files, plus system users from
 *     packages' {@code sysusers.d} files and the few packages whose postinst runs {@code adduser};</li>
 * <li>alternatives: every {@code update-alternatives --install} in a postinst, the highest priority
 *     winning, as {@code /etc/alternatives} links (so {@code awk} exists);</li>
 * <li>the CA bundle {@code /etc/ssl/certs/ca-certificates.crt} that update-ca-certificates builds;</li>
 * <li>nginx's default site (its postinst links it and copies the welcome page);</li>
 * <li>openssh-server's {@code /etc/ssh/sshd_config} (ucf installs it from /usr/share/openssh);</li>
 * <li>{@code /run}, {@code /tmp}, {@code /var/tmp}.</li>
 * </ul>
 * Files are always created new, never written through: the tree's other files are hard links into
 * package store paths.
 */
final class MaintainerScriptSubstitutes {
    /** Packages whose postinst adds a system user with adduser: user, home, shell. */
    private static final Map<String, List<String[]>> ADDUSER = Map.of(
            "openssh-server", List.<String[]>of(new String[] {"sshd", "/run/sshd", "/usr/sbin/nologin"}),
            "dbus", List.<String[]>of(new String[] {"messagebus", "/nonexistent", "/usr/sbin/nologin"}),
            "chrony", List.<String[]>of(new String[] {"_chrony", "/var/lib/chrony", "/usr/sbin/nologin"}));
    private static final Pattern INSTALL = Pattern.compile(
            "update-alternatives\\s+(?:--quiet\\s+)?--install\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)((?:\\s+--slave\\s+\\S+\\s+\\S+\\s+\\S+)*)");
    private static final Pattern SLAVE = Pattern.compile("--slave\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");

    private MaintainerScriptSubstitutes() {}

    static void apply(Path root, List<PackageRoot.Member> members, StorePath basePasswd, String architecture)
            throws IOException {
        users(root, members, basePasswd);
        alternatives(root, members, architecture);
        caBundle(root);
        nginx(root);
        openssh(root);
        for (String d : List.of("run", "tmp", "var/tmp", "var/log", "var/lib", "var/cache", "root")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.setAttribute(root.resolve("tmp"), "unix:mode", 01777);
        Files.setAttribute(root.resolve("var/tmp"), "unix:mode", 01777);
        StringBuilder list = new StringBuilder();
        members.forEach(m -> list.append(m.name()).append(' ').append(m.path().name()).append('\n'));
        writeNew(root.resolve("var/lib/jmicrovm/packages"), list.toString());
    }

    // --- users ---------------------------------------------------------------------------------

    private static void users(Path root, List<PackageRoot.Member> members, StorePath basePasswd) throws IOException {
        Map<String, String> passwd = new LinkedHashMap<>();
        Map<String, String> group = new LinkedHashMap<>();
        for (String l : Files.readAllLines(basePasswd.resolve("usr/share/base-passwd/passwd.master"))) {
            if (!l.isBlank()) { // shadowed, as after passwd's postinst ("shadowconfig on")
                passwd.put(l.substring(0, l.indexOf(':')), l.replaceFirst("^([^:]*):\\*:", "$1:x:"));
            }
        }
        for (String l : Files.readAllLines(basePasswd.resolve("usr/share/base-passwd/group.master"))) {
            if (!l.isBlank()) {
                group.put(l.substring(0, l.indexOf(':')), l.replaceFirst("^([^:]*):\\*:", "$1:x:"));
            }
        }
        // sysusers.d first (declarative, shipped by the packages), then the adduser table
        Path sysusers = root.resolve("usr/lib/sysusers.d");
        if (Files.isDirectory(sysusers)) {
            try (Stream<Path> files = Files.list(sysusers)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList()) {
                    SysUsers.parse("/usr/lib/sysusers.d/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8))
                            .applyTo(passwd, group);
                }
            }
        }
        for (PackageRoot.Member m : members) {
            for (String[] u : ADDUSER.getOrDefault(m.name(), List.of())) {
                if (!passwd.containsKey(u[0])) {
                    int uid = SysUsers.free(passwd, group);
                    passwd.put(u[0], u[0] + ":x:" + uid + ":65534::" + u[1] + ":" + u[2]);
                }
            }
        }
        writeNew(root.resolve("etc/passwd"), String.join("\n", passwd.values()) + "\n");
        writeNew(root.resolve("etc/group"), String.join("\n", group.values()) + "\n");
    }

    // --- alternatives ----------------------------------------------------------------------------

    private record Alternative(String link, String name, String path, int priority, List<String[]> slaves) {}

    private static void alternatives(Path root, List<PackageRoot.Member> members, String architecture)
            throws IOException {
        Map<String, Alternative> best = new TreeMap<>();
        for (PackageRoot.Member m : members) {
            Path postinst = m.path().resolve("DEBIAN/postinst");
            if (!Files.isRegularFile(postinst)) {
                continue;
            }
            String script = Files.readString(postinst, StandardCharsets.ISO_8859_1).replace("\\\n", " ");
            Matcher im = INSTALL.matcher(script);
            while (im.find()) {
                if (im.group(0).contains("$")) {
                    continue; // computed at run time; cannot be known here
                }
                List<String[]> slaves = new ArrayList<>();
                Matcher sm = SLAVE.matcher(im.group(5));
                while (sm.find()) {
                    slaves.add(new String[] {sm.group(1), sm.group(2), sm.group(3)});
                }
                Alternative a = new Alternative(im.group(1), im.group(2), im.group(3),
                        Integer.parseInt(im.group(4)), slaves);
                if (exists(root, a.path(), architecture)) {
                    best.merge(a.name(), a, (x, y) -> y.priority() > x.priority() ? y : x);
                }
            }
        }
        for (Alternative a : best.values()) {
            install(root, a.link(), a.name(), a.path(), architecture);
            for (String[] s : a.slaves()) {
                if (exists(root, s[2], architecture)) {
                    install(root, s[0], s[1], s[2], architecture);
                }
            }
        }
    }

    private static void install(Path root, String link, String name, String path, String architecture)
            throws IOException {
        Path l = root.resolve(inTree(link, architecture));
        Path alt = root.resolve("etc/alternatives/" + name);
        if (Files.exists(l, LinkOption.NOFOLLOW_LINKS) || Files.exists(alt, LinkOption.NOFOLLOW_LINKS)) {
            return; // a package ships the file itself
        }
        Files.createDirectories(alt.getParent());
        Files.createSymbolicLink(alt, Path.of(path));
        Files.createDirectories(l.getParent());
        Files.createSymbolicLink(l, Path.of("/etc/alternatives/" + name));
    }

    private static boolean exists(Path root, String absolute, String architecture) {
        return Files.exists(root.resolve(inTree(absolute, architecture)), LinkOption.NOFOLLOW_LINKS);
    }

    /** An absolute path as it lies in the merged tree ({@code /bin/x} is {@code usr/bin/x}). */
    private static String inTree(String absolute, String architecture) {
        String rel = absolute.replaceAll("^/+", "");
        int slash = rel.indexOf('/');
        String top = slash < 0 ? rel : rel.substring(0, slash);
        return DebUnpacker.mergedUsrDirs(architecture).contains(top) ? "usr/" + rel : rel;
    }

    // --- CA bundle, nginx --------------------------------------------------------------------------

    private static void caBundle(Path root) throws IOException {
        Path certs = root.resolve("usr/share/ca-certificates");
        if (!Files.isDirectory(certs)) {
            return;
        }
        List<Path> crts;
        try (Stream<Path> s = Files.walk(certs)) {
            crts = s.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
        }
        StringBuilder bundle = new StringBuilder();
        StringBuilder conf = new StringBuilder("# generated by jmicrovm (update-ca-certificates is not run)\n");
        for (Path c : crts) {
            String text = Files.readString(c, StandardCharsets.US_ASCII);
            bundle.append(text);
            if (!text.endsWith("\n")) {
                bundle.append('\n');
            }
            conf.append(certs.relativize(c)).append('\n');
        }
        writeNew(root.resolve("etc/ssl/certs/ca-certificates.crt"), bundle.toString());
        writeNew(root.resolve("etc/ca-certificates.conf"), conf.toString());
    }

    private static void nginx(Path root) throws IOException {
        Path site = root.resolve("etc/nginx/sites-available/default");
        Path enabled = root.resolve("etc/nginx/sites-enabled/default");
        if (Files.isRegularFile(site) && !Files.exists(enabled, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(enabled.getParent());
            Files.createSymbolicLink(enabled, Path.of("/etc/nginx/sites-available/default"));
        }
        Path page = root.resolve("usr/share/nginx/html/index.html");
        Path www = root.resolve("var/www/html/index.nginx-debian.html");
        if (Files.isRegularFile(page) && !Files.exists(www)) {
            Files.createDirectories(www.getParent());
            Files.createLink(www, page);
        }
    }

    /**
     * openssh-server ships no sshd_config: its postinst installs {@code /usr/share/openssh/sshd_config}
     * with ucf. Host keys are not made here (they must differ per guest): {@code ssh-keygen -A} at
     * first boot does that.
     */
    private static void openssh(Path root) throws IOException {
        Path template = root.resolve("usr/share/openssh/sshd_config");
        Path config = root.resolve("etc/ssh/sshd_config");
        if (Files.isRegularFile(template) && !Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(config.getParent());
            Files.createLink(config, template);
        }
    }

    private static void writeNew(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file); // never write through a hard link into a package
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

}
