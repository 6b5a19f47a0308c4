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

    @Option(names = "--microvm-host", paramLabel = "PATH",
            description = "This microvm-host, which the tap units run to join the host's bridges (default: the"
                    + " launcher this command was started by).")
    Path microvmHost;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // bin/lib/common.sh exports where jmicrovm is
        java.util.Optional<Path> launcher = java.util.Optional.ofNullable(microvmHost).map(Path::toAbsolutePath)
                .or(() -> java.util.Optional.ofNullable(System.getenv("JMICROVM_HOME"))
                        .map(home -> Path.of(home, "bin", "microvm-host")));
        for (Path unit : new ExportSystemd(common.stateDirectory(), user, group, launcher).writeTo(directory)) {
            spec.commandLine().getOut().println(unit);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
