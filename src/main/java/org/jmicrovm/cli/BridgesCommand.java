package org.jmicrovm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostBridges;
import org.jmicrovm.supervise.HostSettings;
import org.jmicrovm.supervise.RunnerScripts;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code microvm-host bridges [--join NAME]}: the host's bridges as the last switch declared them, made again
 * (with NAT, forwards and DHCP servers), and a VM's taps put into them. What a switch and the supervisor do on
 * their own, for hosts whose VMs run under the units of {@code export-systemd}: its tap unit runs this after
 * making the taps.
 */
@CommandLine.Command(name = "bridges",
        description = "Make the bridges of the last switch (NAT, forwarded ports, DHCP) and put a VM's taps into them.")
final class BridgesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--join", paramLabel = "NAME",
            description = "Also put the tap interfaces of VM NAME (its current runner's) into the bridges they match.")
    String join;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StateDirectory state = common.stateDirectory();
        List<String> taps = List.of();
        if (join != null) {
            String problem = VmName.problemWith(join);
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
            VmDirectory vm = state.vm(new VmName(join));
            Path current = vm.currentTarget().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "MicroVM " + join + " has no current runner in " + state.root()));
            taps = new RunnerScripts(current).tapInterfaces();
        }
        var out = spec.commandLine().getOut();
        List<HostBridge> bridges = HostSettings.read(state).bridges();
        HostBridges host = HostBridges.onHost(state, out::println);
        host.ensure(bridges);
        host.join(taps, bridges);
        if (bridges.isEmpty()) {
            out.println("the last switch declared no bridges (microvm.host.bridges)");
        }
        out.flush();
        return 0;
    }
}
