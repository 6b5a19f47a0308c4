package org.jmicrovm.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmicrovm.host.plan.DesiredVm;
import org.jmicrovm.host.plan.Planner;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;
import org.jmicrovm.supervise.HostSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectGarbageTest {

    @TempDir
    Path tmp;

    final List<String> progress = new ArrayList<>();

    StorePath build(Store store, String name, StorePath... refs) {
        var in = BuildInputs.named(name, "test/1").input("n", name);
        for (StorePath r : refs) {
            in.reference(r);
        }
        return store.build(in.build(), out -> Files.writeString(out.resolve("content"), name));
    }

    void switchTo(StateDirectory state, Map<VmName, DesiredVm> desired) throws Exception {
        var plan = Planner.plan(desired, Set.of(), Activation.observe(state));
        assertThat(new Activation(state, VmControl.forHost(state, progress::add), progress::add)
                .apply(plan, desired, new HostSettings(List.of(), 5))).isEmpty();
    }

    @Test
    void keepsWhatVmsUseAndRemovesRemovedVmsOnlyWhenAsked() throws Exception {
        Store store = Store.open(tmp.resolve("store"));
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        StorePath kernel = build(store, "kernel");
        StorePath system = build(store, "system-web", kernel);
        StorePath runner = build(store, "microvm-qemu-web", system);
        StorePath oldRunner = build(store, "microvm-qemu-web-old");
        StorePath dbRunner = build(store, "microvm-qemu-db");
        VmName web = new VmName("web");
        VmName db = new VmName("db");
        StorePath earlier = build(store, "microvm-qemu-web-earlier");
        switchTo(state, Map.of(web, new DesiredVm.FullyDeclarative(web, earlier.path(), system.path(), true)));
        switchTo(state, Map.of(web, new DesiredVm.FullyDeclarative(web, runner.path(), system.path(), true),
                db, new DesiredVm.FlakeDeployment(db, dbRunner.path(), "/src", Optional.empty(), false)));
        Files.writeString(state.vm(db).path().resolve("data.img"), "volume");

        // db leaves the declaration.
        switchTo(state, Map.of(web, new DesiredVm.FullyDeclarative(web, runner.path(), system.path(), true)));
        assertThat(DeclaredVms.readRemoved(state)).containsExactly("db");

        var plain = new CollectGarbage(state, store, progress::add).call(false, false);
        assertThat(plain.removedPaths()).containsExactly(oldRunner);
        assertThat(store.isValid(dbRunner)).as("db's directory still points at it").isTrue();
        assertThat(store.isValid(earlier)).as("web's previous runner, for microvm rollback").isTrue();
        assertThat(store.isValid(kernel)).as("referenced by web's system").isTrue();

        var removing = new CollectGarbage(state, store, progress::add).call(true, false);
        assertThat(removing.removedVms()).containsExactly("db");
        assertThat(removing.removedPaths()).containsExactly(dbRunner);
        assertThat(Files.readString(state.vm(db).path().resolve("data.img"))).isEqualTo("volume");
        assertThat(state.vm(db).currentTarget()).isEmpty();
        assertThat(progress).anyMatch(l -> l.contains("kept data.img"));
        assertThat(new ListVms(state, v -> Optional.empty()).call()).extracting(ListVms.Entry::name).containsExactly("web");
        assertThat(DeclaredVms.readRemoved(state)).isEmpty();
        assertThat(store.isValid(runner)).isTrue();
    }

    @Test
    void deleteVolumesRemovesTheWholeDirectory() throws Exception {
        Store store = Store.open(tmp.resolve("store"));
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        StorePath r = build(store, "microvm-qemu-x");
        VmName x = new VmName("x");
        switchTo(state, Map.of(x, new DesiredVm.FlakeDeployment(x, r.path(), "/src", Optional.empty(), false)));
        Files.writeString(state.vm(x).path().resolve("data.img"), "volume");
        switchTo(state, Map.of());
        // what a gc killed between moving a VM aside and deleting it left: the next one empties it
        Path leftover = state.bookkeeping().resolve("trash/old.123");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("data.img"), "volume of a VM removed before");
        new CollectGarbage(state, store, progress::add).call(true, true);
        assertThat(state.vm(x).exists()).isFalse();
        assertThat(store.isValid(r)).isFalse();
        try (var trash = Files.list(state.bookkeeping().resolve("trash"))) {
            assertThat(trash).isEmpty();
        }
    }
}
