package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.List;
import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.build.runner.HostTools.VirtiofsdFlavour;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Share;

/**
 * {@code bin/virtiofsd-run}: one virtiofsd per virtiofs share, run together until one ends (microvm.nix used
 * supervisord for this; a shell loop does the same without a Python dependency).
 *
 * <p>Two daemons exist. The Rust virtiofsd takes microvm.nix's arguments as they are. The C virtiofsd that
 * Debian 12 ships with qemu ({@code /usr/lib/qemu/virtiofsd}) spells its options {@code -o key=value}, has
 * no {@code metadata} cache mode, no inode-file-handles and no read-only switch: a read-only share is
 * served from a read-only bind mount made in a private mount namespace ({@code unshare}), which the daemon's
 * own sandbox inherits.
 */
final class Virtiofsd {
    private final RunnerContext ctx;
    private final MicroVmSpec spec;
    private final BuiltArtefacts artefacts;

    Virtiofsd(RunnerContext ctx, MicroVmSpec spec, BuiltArtefacts artefacts) {
        this.ctx = ctx;
        this.spec = spec;
        this.artefacts = artefacts;
    }

    String script(List<Share> shares) {
        var s = new StringBuilder("set -eu\n");
        spec.virtiofsd().group().ifPresent(g -> s.append("group_arg=\n")
            .append("if ").append(ctx.tool(Tool.GETENT)).append(" group ").append(Shell.quote(g)).append(" >/dev/null 2>&1; then\n")
            .append("  group_arg=--socket-group=").append(Shell.quote(g)).append("\nfi\n"));
        s.append("pids=\n")
            .append("stop() {\n")
            .append("  trap - TERM INT HUP\n")
            .append("  [ -z \"$pids\" ] || kill $pids 2>/dev/null || :\n")
            .append("  wait || :\n")
            .append("  exit 0\n")
            .append("}\n")
            .append("trap stop TERM INT HUP\n");
        for (Share share : shares) {
            String socket = share.socket().orElseThrow();
            s.append("\n# share \"").append(share.tag()).append("\"\n")
                .append(ctx.tool(Tool.RM)).append(" -f ").append(Shell.quote(socket)).append('\n')
                .append(command(share)).append(" &\n")
                .append("pids=\"$pids $!\"\n");
        }
        s.append("\n# Until a daemon ends (its VM went away, or it failed); then stop the others.\n")
            .append("while kill -0 $pids 2>/dev/null; do\n")
            .append("  ").append(ctx.tool(Tool.SLEEP)).append(" 1 &\n")
            .append("  wait $! || :\n")
            .append("done\n")
            .append("stop\n");
        return s.toString();
    }

    private String command(Share share) {
        String source = Sources.of(share, artefacts);
        String socket = share.socket().orElseThrow();
        var words = new ArrayList<String>();
        String group = spec.virtiofsd().group().isPresent() ? " ${group_arg:+\"$group_arg\"}" : "";
        String threads = threadPoolSize();
        if (ctx.tools().virtiofsdFlavour() == VirtiofsdFlavour.RUST) {
            words.add("--socket-path=" + socket);
            var cmd = new StringBuilder(ctx.tool(Tool.VIRTIOFSD)).append(' ').append(Shell.quoteAll(words))
                .append(' ').append(absolute("--shared-dir=", source)).append(" --rlimit-nofile=1048576").append(group)
                .append(" --thread-pool-size ").append(threads);
            var rest = new ArrayList<String>();
            if (share.posixAcl()) rest.addAll(List.of("--posix-acl", "--xattr"));
            rest.add("--cache=" + share.cache().nixName());
            spec.virtiofsd().inodeFileHandles().ifPresent(i -> rest.add("--inode-file-handles=" + i));
            if (spec.hypervisor() == Hypervisor.CROSVM) rest.add("--tag=" + share.tag());
            if (share.readOnly()) rest.add("--readonly");
            rest.addAll(spec.virtiofsd().extraArgs());
            rest.addAll(share.extraArgs());
            return cmd.append(' ').append(Shell.quoteAll(rest)).toString();
        }
        if (share.isHostStore() && share.cache() == Share.Cache.AUTO) {
            // The store never changes a file, so keeping a file's pages across opens is what "auto" means
            // for it; the C daemon's auto drops them at every open, and each exec from the store then reads
            // the binary again (and under TCG translates its code again): ~250 ms per exec measured, most of
            // a boot. always keeps the pages; timeout=1 keeps auto's metadata timeout, so new store paths
            // show up in the guest as soon as they would with auto.
            words.addAll(List.of("-o", "cache=always", "-o", "timeout=1"));
        } else {
            words.addAll(List.of("-o", "cache=" + switch (share.cache()) {
                case AUTO, METADATA -> "auto"; // the C daemon has no metadata-only mode; auto is its nearest
                case ALWAYS -> "always";
                case NEVER -> "none";
            }));
        }
        if (share.posixAcl()) words.addAll(List.of("-o", "xattr", "-o", "posix_acl"));
        var cmd = new StringBuilder();
        if (share.readOnly()) {
            cmd.append(ctx.tool(Tool.UNSHARE)).append(" --mount --propagation private /bin/sh -c ")
                .append(Shell.quote(ctx.tool(Tool.MOUNT) + " --bind \"$1\" \"$1\" && " + ctx.tool(Tool.MOUNT)
                    + " -o remount,bind,ro \"$1\" && shift && exec \"$@\""))
                .append(" sh ").append(absolute("", source)).append(' ');
        }
        cmd.append(ctx.tool(Tool.VIRTIOFSD)).append(' ').append(Shell.quote("--socket-path=" + socket))
            .append(" -o ").append(absolute("source=", source))
            .append(' ').append(Shell.quoteAll(words)).append(group)
            .append(" --thread-pool-size=").append(threads);
        var rest = new ArrayList<String>(spec.virtiofsd().extraArgs());
        rest.addAll(share.extraArgs());
        if (!rest.isEmpty()) cmd.append(' ').append(Shell.quoteAll(rest));
        return cmd.toString();
    }

    /**
     * The shell word {@code prefix + source} with a relative source made absolute against the working
     * directory (the VM's state directory): the C virtiofsd bind-mounts its source onto itself while
     * setting up its sandbox, no longer in the directory it was started in, so a relative source fails
     * there with "mount(shared, shared, MS_BIND): No such file or directory".
     */
    private static String absolute(String prefix, String source) {
        if (source.startsWith("/")) return Shell.quote(prefix + source);
        return (prefix.isEmpty() ? "" : Shell.quote(prefix)) + "\"$PWD\"/" + Shell.quote(source);
    }

    /** microvm.nix's default is the shell word {@code `nproc`}; numbers pass through. */
    private String threadPoolSize() {
        String t = spec.virtiofsd().threadPoolSize().trim();
        if (t.matches("[0-9]+")) return t;
        if (t.equals("`nproc`") || t.equals("$(nproc)")) return "\"$(" + ctx.tool(Tool.NPROC) + ")\"";
        throw new RunnerException(spec.hostName(), List.of(Diagnostic.error("microvm.virtiofsd.threadPoolSize",
            "\"" + t + "\" is neither a number nor `nproc`", null)));
    }
}
