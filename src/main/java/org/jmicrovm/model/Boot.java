package org.jmicrovm.model;

import java.util.List;
import java.util.Optional;

/**
 * What the guest boots.
 *
 * @param kernel       the kernel package chosen by {@code microvm.kernel} / {@code boot.kernelPackages}, as an
 *                     attribute name of the built-in package set; the build resolves it to a store path
 * @param initrdPath   {@code microvm.initrdPath} when the user overrides it (an absolute path); empty means the
 *                     build makes the initrd
 * @param kernelParams {@code boot.kernelParams}, in order, <em>without</em> {@code init=}: the build appends it
 *                     because the guest system's path is only known once it is built
 */
public record Boot(String kernel, Optional<String> initrdPath, List<String> kernelParams) {

    public Boot {
        Require.text(kernel, "microvm.kernel");
        Require.optionalText(initrdPath, "microvm.initrdPath");
        kernelParams = Require.list(kernelParams, "microvm.kernelParams");
    }
}
