package org.jmicrovm.build.runner;

import org.jmicrovm.build.runner.HostTools.Tool;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Volume;

/**
 * The part of {@code microvm-run} that creates missing volumes (reference §3.6): a sparse file of the
 * declared size, NOCOW where the file system supports it, then {@code mkfs.<fsType>} with the label and
 * extra arguments. Unlike microvm.nix, the image is built under a temporary name and linked into place only
 * once mkfs succeeded, so a failed or interrupted mkfs never leaves a half image that the next start would
 * take for a real one. An existing image is never touched: not reformatted, truncated nor resized.
 */
final class VolumeCreation {
    private final RunnerContext ctx;

    VolumeCreation(RunnerContext ctx) {
        this.ctx = ctx;
    }

    String script(MicroVmSpec spec) {
        var s = new StringBuilder();
        for (Volume v : spec.volumes()) {
            if (v.autoCreate()) s.append(create(v));
        }
        return s.toString();
    }

    private String create(Volume v) {
        String image = Shell.quote(v.image());
        String mkfs = ctx.tools().mkfs(v.fsType());
        var label = new StringBuilder();
        v.label().ifPresent(l -> label.append(' ').append(GuestAssertions.MKFS_LABEL_FLAG.get(v.fsType()))
            .append(' ').append(Shell.quote(l)));
        var extra = new StringBuilder();
        v.mkfsExtraArgs().forEach(a -> extra.append(' ').append(Shell.quote(a)));
        String rm = ctx.tool(Tool.RM);
        return "if [ ! -e " + image + " ]; then\n"
            + "  tmp=" + Shell.quote(v.image() + ".jmicrovm-mkfs") + "\n"
            + "  " + rm + " -f \"$tmp\"\n"
            + "  " + ctx.tool(Tool.TOUCH) + " \"$tmp\"\n"
            + "  " + ctx.tool(Tool.CHATTR) + " +C \"$tmp\" 2>/dev/null || :\n"
            + "  " + ctx.tool(Tool.TRUNCATE) + " -s " + v.sizeMiB().orElseThrow() + "M \"$tmp\"\n"
            + "  if ! " + mkfs + label + extra + " \"$tmp\"; then\n"
            + "    " + rm + " -f \"$tmp\"\n"
            + "    echo " + Shell.quote("microvm-run: mkfs." + v.fsType() + " failed; " + v.image() + " was not created")
            + " >&2\n"
            + "    exit 1\n"
            + "  fi\n"
            + "  # ln refuses to replace an image that appeared meanwhile; mv covers file systems without hard links.\n"
            + "  " + ctx.tool(Tool.LN) + " \"$tmp\" " + image + " 2>/dev/null || [ -e " + image + " ] || "
            + ctx.tool(Tool.MV) + " \"$tmp\" " + image + "\n"
            + "  " + rm + " -f \"$tmp\"\n"
            + "fi\n";
    }
}
