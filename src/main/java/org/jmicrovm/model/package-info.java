/**
 * Immutable records of what a MicroVM declaration resolved to: {@link org.jmicrovm.model.MicroVmSpec} and its
 * parts, mirroring the guest options of microvm.nix. This package depends on nothing else in jmicrovm: the
 * module system fills it, the build and the host read it.
 */
package org.jmicrovm.model;
