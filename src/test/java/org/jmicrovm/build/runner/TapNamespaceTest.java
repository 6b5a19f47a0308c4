package org.jmicrovm.build.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code tap-up} and {@code tap-down}, run inside a network namespace this test makes and
 * deletes: the host's own interfaces are never touched.
 */
class TapNamespaceTest {
    @TempDir
    Path tmp;
    String ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Host.isRoot(), "needs root for ip netns");
        ns = "jmvt-" + ProcessHandle.current().pid();
        var r = Host.run(tmp, "ip", "netns", "add", ns);
        assumeTrue(r.status() == 0, "ip netns add: " + r.output());
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (ns != null) Host.run(tmp, "ip", "netns", "delete", ns);
    }

    private Host.Result inNs(String... command) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", ns));
        cmd.addAll(java.util.List.of(command));
        return Host.run(tmp, cmd.toArray(String[]::new));
    }

    private Path runner(MicroVmSpec spec, Optional<String> user) throws Exception {
        var ctx = ExampleVm.context().withVmUser(user, "root");
        Path dir = tmp.resolve("runner-" + user.orElse("none"));
        new RunnerLayout(ctx).render(spec, ExampleVm.ARTEFACTS).writeTo(dir);
        return dir;
    }

    @Test
    void tapUpCreatesMultiQueueTapsOwnedByTheVmUserAndTapDownRemovesThem() throws Exception {
        var spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder()
            .iface(NetInterface.tap("vm-second", "02:00:00:00:00:09")).build();
        Path runner = runner(spec, Optional.of("root"));

        var up = inNs(runner.resolve("bin/tap-up").toString());
        assertThat(up.status()).as(up.output()).isZero();
        for (String id : java.util.List.of("vm-my", "vm-second")) {
            String link = Host.run(tmp, "ip", "-n", ns, "-d", "link", "show", id).output();
            assertThat(link).contains(",UP>", "tun type tap", "vnet_hdr on", "multi_queue", "user root");
        }
        // Again: an existing device is replaced, not an error.
        assertThat(inNs(runner.resolve("bin/tap-up").toString()).status()).isZero();

        var down = inNs(runner.resolve("bin/tap-down").toString());
        assertThat(down.status()).as(down.output()).isZero();
        assertThat(Host.run(tmp, "ip", "-n", ns, "link", "show", "vm-my").status()).isNotZero();
        var again = inNs(runner.resolve("bin/tap-down").toString());
        assertThat(again.status()).as("tap-down reports what it could not remove").isEqualTo(1);
    }

    @Test
    void singleQueueTapsAndAMissingVmUser() throws Exception {
        var spec = ExampleVm.spec(Hypervisor.QEMU).toBuilder().vcpu(1).build();
        Path runner = runner(spec, Optional.of("no-such-user-jmvt"));
        var up = inNs(runner.resolve("bin/tap-up").toString());
        assertThat(up.status()).as(up.output()).isZero();
        assertThat(up.output()).contains("user no-such-user-jmvt does not exist");
        String link = Host.run(tmp, "ip", "-n", ns, "-d", "link", "show", "vm-my").output();
        assertThat(link).contains("vnet_hdr on").doesNotContain("multi_queue");
    }
}
