package org.jmicrovm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jmicrovm.host.ExportSystemd;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code microvm-host export-systemd DIR}. */
@CommandLine.Command(name = "export-systemd",
        description = "Write systemd units equivalent to microvm.nix's for the VMs the last switch declared.")
final class ExportSystemdCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the unit files.")
    Path directory;

    @Option(names = "--user", defaultValue = "microvm", description = "User running the hypervisor (default microvm).")
    String user;

    @Option(names = "--group", defaultValue = "kvm", description = "Group running the hypervisor (default kvm).")
    String group;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path unit : new ExportSystemd(common.stateDirectory(), user, group).writeTo(directory)) {
            spec.commandLine().getOut().println(unit);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
