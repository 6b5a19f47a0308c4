/**
 * Runners: what starts a MicroVM, as data first and files last.
 *
 * <ol>
 *   <li>{@link org.jmicrovm.build.runner.Runner#of} picks the runner of a hypervisor (one class each:
 *       {@link org.jmicrovm.build.runner.Qemu}, {@link org.jmicrovm.build.runner.CloudHypervisor},
 *       {@link org.jmicrovm.build.runner.Firecracker}, {@link org.jmicrovm.build.runner.Crosvm},
 *       {@link org.jmicrovm.build.runner.Kvmtool}, {@link org.jmicrovm.build.runner.Stratovirt},
 *       {@link org.jmicrovm.build.runner.Alioth});</li>
 *   <li>{@link org.jmicrovm.build.runner.Runner#check} collects every evaluation-time error and warning
 *       ({@link org.jmicrovm.build.runner.Diagnostic}): the guest assertions, the support matrix
 *       ({@link org.jmicrovm.build.runner.Feature}, {@link org.jmicrovm.build.runner.Support}) and the
 *       hypervisor's own rules;</li>
 *   <li>{@link org.jmicrovm.build.runner.Runner#plan} turns a spec plus the built artefacts
 *       ({@link org.jmicrovm.build.runner.BuiltArtefacts}) and the host context
 *       ({@link org.jmicrovm.build.runner.RunnerContext}: tools, accelerator, install path) into a
 *       {@link org.jmicrovm.build.runner.RunnerPlan}: argv, shutdown and balloon scripts, support flags;</li>
 *   <li>{@link org.jmicrovm.build.runner.RunnerLayout} lays the plan out as microvm.nix's runner directory
 *       ({@link org.jmicrovm.build.runner.RunnerFiles}), which {@link org.jmicrovm.build.runner.RunnerFiles#writeTo}
 *       writes into a directory the caller (the store) provides.</li>
 * </ol>
 *
 * <p>{@link org.jmicrovm.build.runner.AcceleratorProbe} decides KVM or TCG for qemu from the host (and
 * {@code MICROVM_ACCEL}), and says why.
 */
package org.jmicrovm.build.runner;
