package org.jmicrovm.build.guest;

import static org.jmicrovm.build.ShellQuote.quote;

import java.util.Optional;
import org.jmicrovm.build.pkgs.TmpFiles;

/**
 * The boot-time shell commands (busybox) that do what systemd-tmpfiles --create --remove --boot
 * does with packages' tmpfiles.d lines. Run by the guest's activation after volumes and shares are
 * mounted and before services start, so a directory on a volume is made on the volume. Ages are
 * not honoured because nothing is cleaned periodically (so {@code x}/{@code X} exclusions have
 * nothing to exclude); a type jmicrovm does not apply is reported on the console at boot.
 */
final class TmpFilesScript {
    /** systemd-tmpfiles creates missing parent directories (root-owned, 0755) for what it makes. */
    private static final String PARENT = "mkdir -p \"$(dirname \"$p\")\" && ";

    private TmpFilesScript() {}

    static String render(TmpFiles tmpFiles) {
        StringBuilder s = new StringBuilder();
        for (TmpFiles.Line l : tmpFiles.lines()) {
            String body = body(l);
            s.append("# ").append(l.origin()).append('\n');
            if (body == null) {
                s.append("log ").append(quote("tmpfiles: " + l.origin() + ": type '" + l.type()
                        + "' is not supported by jmicrovm; line skipped")).append('\n');
            } else if (!body.isEmpty()) {
                s.append("for p in ").append(word(l.path())).append("; do ").append(body).append("; done\n");
            }
        }
        return s.toString();
    }

    /** The commands for one path in {@code $p}; empty when nothing is to be done, null when unsupported. */
    private static String body(TmpFiles.Line l) {
        String owner = owner(l, "\"$p\"");
        return switch (l.type()) {
            case 'd', 'D', 'v', 'q', 'Q' -> "mkdir -p \"$p\" && chmod " + l.mode().orElse("0755") + " \"$p\"" + owner;
            case 'f' -> (l.plus() ? "" : "[ -e \"$p\" ] || ") + "{ " + PARENT + "printf '%b' " + quote(l.argument().orElse(""))
                    + " > \"$p\" && chmod " + l.mode().orElse("0644") + " \"$p\"" + owner + "; }";
            case 'w' -> "[ -e \"$p\" ] && printf '%b' " + quote(l.argument().orElse("")) + " > \"$p\"";
            case 'L' -> {
                String target = l.argument().orElse("/usr/share/factory" + l.path());
                yield (l.plus() ? "rm -rf \"$p\"; " : "[ -e \"$p\" ] || [ -L \"$p\" ] || ")
                        + "{ " + PARENT + "ln -s " + quote(target) + " \"$p\"; }";
            }
            case 'p' -> "[ -e \"$p\" ] || { " + PARENT + "mkfifo -m " + l.mode().orElse("0644") + " \"$p\"" + owner + "; }";
            case 'c', 'b' -> {
                Optional<String> dev = l.argument().filter(a -> a.matches("\\d+:\\d+"));
                yield dev.isEmpty() ? null : "[ -e \"$p\" ] || { " + PARENT + "mknod -m " + l.mode().orElse("0644") + " \"$p\" "
                        + l.type() + " " + dev.get().replace(':', ' ') + owner + "; }";
            }
            case 'z', 'e' -> "[ -e \"$p\" ] && { :" + l.mode().map(m -> "; chmod " + m + " \"$p\"").orElse("")
                    + owner + "; }";
            case 'Z' -> "[ -e \"$p\" ] && { :" + l.mode().map(m -> "; chmod -R " + m + " \"$p\"").orElse("")
                    + owner(l, "-R \"$p\"") + "; }";
            case 'r' -> "rm -f \"$p\" 2>/dev/null || rmdir \"$p\" 2>/dev/null; :";
            case 'R' -> "rm -rf \"$p\"";
            case 'x', 'X' -> "";
            default -> null;
        };
    }

    /** {@code ; chown user:group target} when the line names an owner or a group. */
    private static String owner(TmpFiles.Line l, String target) {
        if (l.user().isEmpty() && l.group().isEmpty()) {
            return "";
        }
        String spec = l.user().map(u -> name(u, l)).orElse("") + l.group().map(g -> ":" + name(g, l)).orElse("");
        return "; chown " + spec + " " + target;
    }

    /** A path as one shell word: quoted, except that glob characters stay active (z, r, R… accept globs). */
    private static String word(String path) {
        if (path.matches("[A-Za-z0-9/._+@*?\\[\\]-]+") && path.matches(".*[*?\\[].*")) {
            return path;
        }
        return quote(path);
    }

    /** User and group names are passed through only when they are plain names. */
    private static String name(String name, TmpFiles.Line l) {
        if (!name.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?")) {
            throw new IllegalArgumentException(l.origin() + ": not a user or group name: " + name);
        }
        return name;
    }
}
