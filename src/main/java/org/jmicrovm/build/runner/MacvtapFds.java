package org.jmicrovm.build.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;

/**
 * File descriptors {@code microvm-run} opens on {@code /dev/tap<ifindex>} for hypervisors that take macvtap
 * devices as open files: from 3 upwards, one per queue (queues = vCPUs when multi-queue), interfaces in order.
 */
final class MacvtapFds {
    private final Map<String, List<Integer>> byInterface;
    private final List<RunnerPlan.MacvtapFd> all;

    private MacvtapFds(Map<String, List<Integer>> byInterface, List<RunnerPlan.MacvtapFd> all) {
        this.byInterface = byInterface;
        this.all = all;
    }

    static MacvtapFds allocate(MicroVmSpec spec, boolean multiQueue) {
        int queues = multiQueue ? spec.resources().vcpu() : 1;
        int next = 3;
        var by = new LinkedHashMap<String, List<Integer>>();
        var all = new ArrayList<RunnerPlan.MacvtapFd>();
        for (NetInterface n : spec.interfaces()) {
            if (n.type() != NetInterface.Type.MACVTAP) continue;
            var fds = new ArrayList<Integer>();
            for (int q = 0; q < queues; q++) {
                fds.add(next);
                all.add(new RunnerPlan.MacvtapFd(next, n.id()));
                next++;
            }
            by.put(n.id(), List.copyOf(fds));
        }
        return new MacvtapFds(by, List.copyOf(all));
    }

    static MacvtapFds none() {
        return new MacvtapFds(Map.of(), List.of());
    }

    List<Integer> of(String interfaceId) {
        return byInterface.get(interfaceId);
    }

    List<RunnerPlan.MacvtapFd> all() {
        return all;
    }
}
