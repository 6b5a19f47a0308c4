package org.jmicrovm.cli;

import java.util.concurrent.Callable;
import org.jmicrovm.host.CollectGarbage;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code microvm-host gc [--remove-undeclared [--delete-volumes]]}. */
@CommandLine.Command(name = "gc", description = "Remove store paths no VM needs (and, when asked, removed VMs).")
final class GcCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--remove-undeclared",
            description = "Also remove the directories of stopped VMs that a switch removed from the configuration.")
    boolean removeUndeclared;

    @Option(names = "--delete-volumes", description = "With --remove-undeclared: delete their volume images too.")
    boolean deleteVolumes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (deleteVolumes && !removeUndeclared) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--delete-volumes only makes sense with --remove-undeclared");
        }
        var out = spec.commandLine().getOut();
        var result = new CollectGarbage(common.stateDirectory(), common.store(), out::println)
                .call(removeUndeclared, deleteVolumes);
        out.println("removed " + result.removedPaths().size() + " store paths"
                + (removeUndeclared ? " and " + result.removedVms().size() + " undeclared VMs" : ""));
        out.flush();
        return 0;
    }
}
