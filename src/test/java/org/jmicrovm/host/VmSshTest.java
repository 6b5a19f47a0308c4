package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh command lines of {@code microvm -s}: the original's over vsock, jmicrovm's over a forwarded port. */
class VmSshTest {
    @TempDir
    Path state;

    private VmDirectory vm(String... shareFiles) throws Exception {
        Path runner = Files.createDirectories(state.resolve("runner/share/microvm")).getParent().getParent();
        for (int i = 0; i < shareFiles.length; i += 2) {
            Files.writeString(runner.resolve("share/microvm").resolve(shareFiles[i]), shareFiles[i + 1]);
        }
        Path dir = Files.createDirectories(state.resolve("vm"));
        Files.createSymbolicLink(dir.resolve("current"), runner);
        return new VmDirectory(new VmName("vm"), dir);
    }

    private static List<String> argv(VmSsh.Plan p) {
        return ((VmSsh.Connect) p).argv();
    }

    @Test
    void overVsockTheArgumentsAreTheOriginals() throws Exception {
        VmDirectory vm = vm("vsock-cid", "4242\n", "hypervisor", "qemu\n");
        // `microvm -s vm -- -l root -i /tmp/test-key`: getopts ate the "--"
        assertThat(argv(VmSsh.plan(vm, true, List.of("-l", "root", "-i", "/tmp/test-key")))).containsExactly(
                "ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "vsock/4242",
                "-l", "root", "-i", "/tmp/test-key");
        assertThat(argv(VmSsh.plan(vm, true, List.of("uname", "-a")))).containsExactly(
                "ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "vsock/4242",
                "-l", "root", "uname", "-a");
    }

    @Test
    void withoutVsockAForwardedPortToGuestPort22IsUsed() throws Exception {
        VmDirectory vm = vm("hypervisor", "qemu\n", "forward-ports", "tcp host 127.0.0.1 8080 - 80\ntcp host - 2222 - 22\n");
        VmSsh.Plan plan = VmSsh.plan(vm, true, List.of("--", "-i", "/k", "-o", "BatchMode=yes"));
        assertThat(argv(plan)).containsExactly("ssh", "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-p", "2222", "-i", "/k", "-o", "BatchMode=yes", "127.0.0.1", "-l", "root");
        assertThat(((VmSsh.Connect) plan).via()).isEqualTo("port 2222 on 127.0.0.1");
        assertThat(argv(VmSsh.plan(vm, true, List.of("-l", "alice", "id")))).endsWith("127.0.0.1", "-l", "alice", "id");
    }

    @Test
    void refusalsSayWhatIsMissing() throws Exception {
        assertThat(VmSsh.plan(new VmDirectory(new VmName("gone"), state.resolve("gone")), false, List.of()))
                .isEqualTo(new VmSsh.Refused("MicroVM gone not found", ""));
        VmDirectory plain = vm("hypervisor", "qemu\n", "forward-ports", "tcp host 127.0.0.1 8080 - 80\n");
        assertThat(VmSsh.plan(plain, false, List.of())).isEqualTo(new VmSsh.Refused("MicroVM vm is not running", ""));
        VmSsh.Refused r = (VmSsh.Refused) VmSsh.plan(plain, true, List.of());
        assertThat(r.message()).isEqualTo("MicroVM vm does not have VSOCK enabled");
        assertThat(r.hint()).startsWith("Set microvm.vsock.cid in the VM configuration").contains("forwardPorts");
    }
}
