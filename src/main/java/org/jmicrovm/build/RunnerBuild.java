package org.jmicrovm.build;

import java.util.Optional;
import org.jmicrovm.build.runner.Accelerator;
import org.jmicrovm.build.runner.HostTools;
import org.jmicrovm.build.runner.RunnerContext;
import org.jmicrovm.build.runner.RunnerFiles;
import org.jmicrovm.build.runner.RunnerLayout;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;

/**
 * Puts a built VM's runner ({@code bin/microvm-run}, {@code share/microvm/...}, laid out by
 * {@link RunnerLayout}) into the store as {@code microvm-<hypervisor>-<hostName>}, referring to the
 * kernel, initrd, guest system and store disk it starts.
 */
public final class RunnerBuild {
    private static final String BUILDER = "jmicrovm-runner/1";
    /** Stands for the runner's own path while its content is hashed. */
    private static final String PLACEHOLDER = "/@runner@";

    private RunnerBuild() {}

    public static StorePath build(Store store, BuiltMicroVm vm, HostTools tools, Accelerator accelerator,
                                  Optional<String> vmUser, String vmGroup) {
        RunnerFiles described = render(vm, tools, accelerator, vmUser, vmGroup, PLACEHOLDER);
        BuildInputs.Builder in = BuildInputs.named("microvm-" + vm.spec().hypervisor().nixName() + "-"
                        + vm.spec().hostName(), BUILDER)
                .input("files", canonical(described))
                .reference(vm.toplevel())
                .reference(vm.kernel().path());
        store.parse(vm.initrd()).ifPresent(in::reference);
        vm.storeDisk().flatMap(store::parse).ifPresent(in::reference);
        BuildInputs inputs = in.build();
        String self = store.pathOf(inputs).toString();
        return store.build(inputs, out -> {
            // RunnerFiles.writeTo wants an empty or absent directory
            java.nio.file.Files.delete(out);
            render(vm, tools, accelerator, vmUser, vmGroup, self).writeTo(out);
        });
    }

    private static RunnerFiles render(BuiltMicroVm vm, HostTools tools, Accelerator accelerator,
                                      Optional<String> vmUser, String vmGroup, String self) {
        RunnerContext ctx = new RunnerContext(self, tools, accelerator, vmUser, vmGroup);
        return new RunnerLayout(ctx).render(vm.spec(), vm.artefacts());
    }

    private static String canonical(RunnerFiles files) {
        StringBuilder out = new StringBuilder();
        for (RunnerFiles.Entry e : files.entries()) {
            switch (e) {
                case RunnerFiles.File f -> out.append("file ").append(f.path()).append(' ').append(f.executable())
                        .append(' ').append(f.content().length()).append(':').append(f.content()).append('\n');
                case RunnerFiles.Symlink l -> out.append("link ").append(l.path()).append(' ')
                        .append(l.target().length()).append(':').append(l.target()).append('\n');
            }
        }
        return out.toString();
    }
}
