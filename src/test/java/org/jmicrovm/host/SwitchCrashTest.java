package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.host.plan.HostPlan;
import org.jmicrovm.host.plan.Planner;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.supervise.HostSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a separate process switches a state directory back and forth between two
 * configurations (installing, updating and removing VMs) as fast as it can, and is killed
 * with SIGKILL at random moments. After every kill the state directory must be consistent —
 * every VM directory complete, every link pointing at one of the two builds, the bookkeeping
 * readable — and a switch run afterwards must complete.
 */
class SwitchCrashTest {

    static final VmName WEB = new VmName("web");
    static final VmName EXTRA = new VmName("extra");

    @TempDir
    Path tmp;

    /** The two configurations the driver alternates between; paths need not exist for linking. */
    static Map<VmName, DesiredVm> configuration(Path store, int which) {
        var web = new DesiredVm.FullyDeclarative(WEB, store.resolve("runner-web-" + which),
                store.resolve("system-web-" + which), true);
        if (which == 0) {
            return Map.of(WEB, web);
        }
        return Map.of(WEB, web, EXTRA, new DesiredVm.FlakeDeployment(EXTRA, store.resolve("runner-extra"),
                "/src", Optional.of("git+file:///etc/vms"), false));
    }

    static void switchTo(StateDirectory state, Path store, int which) throws IOException {
        Map<VmName, DesiredVm> desired = configuration(store, which);
        HostPlan plan = Planner.plan(desired, Set.of(), Activation.observe(state));
        List<String> failures = new Activation(state, NO_LIFECYCLE, line -> {}).apply(plan, desired,
                new HostSettings(List.of(), 5));
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
    }

    /** VMs never run in this test; a start or stop would be a planning error. */
    static final VmControl NO_LIFECYCLE = new VmControl() {
        @Override
        public String start(VmName name) {
            throw new IllegalStateException("unexpected start of " + name);
        }

        @Override
        public String stop(VmName name) {
            throw new IllegalStateException("unexpected stop of " + name);
        }

        @Override
        public String restart(VmName name) {
            throw new IllegalStateException("unexpected restart of " + name);
        }
    };

    /** The process that gets killed: switches back and forth forever, and removes the extra VM in between. */
    public static final class Driver {
        public static void main(String[] args) throws Exception {
            StateDirectory state = new StateDirectory(Path.of(args[0]));
            Path store = Path.of(args[1]);
            for (int i = 0; ; i++) {
                switchTo(state, store, i % 2);
                if (i % 2 == 0) {
                    new CollectGarbage(state, org.jmicrovm.store.Store.open(store.resolve("real-store")), l -> {})
                            .call(true, true);
                }
                if (i == 0) {
                    System.out.println("running");
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void killedAtAnyMomentTheStateStaysConsistentAndARerunCompletes() throws Exception {
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        Path store = tmp.resolve("store");
        Random random = new Random(42);
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int round = 0; round < 12; round++) {
            Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Driver.class.getName(), state.root().toString(), store.toString())
                    .redirectErrorStream(true).start();
            // Wait until it is switching, then let it run a random while before the kill.
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(driver.getInputStream()));
            String first = out.readLine();
            assertThat(first).as("driver output").isEqualTo("running");
            Thread.sleep(random.nextInt(150));
            driver.destroyForcibly().waitFor();

            assertConsistent(state, store);
        }
        switchTo(state, store, 1);
        assertThat(state.vm(WEB).currentTarget()).contains(store.resolve("runner-web-1"));
        assertThat(state.vm(EXTRA).currentTarget()).contains(store.resolve("runner-extra"));
        assertConsistent(state, store);
        // The rerun also cleared what the killed ones left half-made.
        try (var all = Files.walk(state.root())) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
        try (var staging = Files.list(state.bookkeeping().resolve("staging"))) {
            assertThat(staging).isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            // never needed: fine
        }
    }

    static void assertConsistent(StateDirectory state, Path store) throws IOException {
        try (var entries = Files.list(state.root())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.equals("web") || n.equals("extra") || n.equals(".jmicrovm"));
        }
        VmDirectory web = state.vm(WEB);
        if (web.exists()) {
            assertThat(web.currentTarget()).get().isIn(store.resolve("runner-web-0"), store.resolve("runner-web-1"));
            assertThat(web.toplevelTarget()).get().isIn(store.resolve("system-web-0"), store.resolve("system-web-1"));
        }
        VmDirectory extra = state.vm(EXTRA);
        if (extra.exists()) {
            // Removal by gc may have been cut short; what is left must not look like a broken VM.
            if (extra.currentTarget().isPresent()) {
                assertThat(extra.currentTarget()).contains(store.resolve("runner-extra"));
                assertThat(extra.flakeRef()).contains("git+file:///etc/vms");
            }
        }
        // Bookkeeping is written atomically: always readable. (Hidden ".tmp-" files of a killed
        // rename may be left; the next switch removes them.)
        DeclaredVms.read(state);
        DeclaredVms.readRemoved(state);
    }
}
