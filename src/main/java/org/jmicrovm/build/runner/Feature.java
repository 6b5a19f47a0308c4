package org.jmicrovm.build.runner;

/**
 * The features of a spec whose support differs between hypervisors (reference §6.10). Each runner states
 * its {@link Support} for every one; {@link SupportCheck} finds which a spec uses.
 */
public enum Feature {
    SHARE_9P("9p shares"),
    SHARE_9P_READ_ONLY("read-only 9p shares"),
    SHARE_VIRTIOFS("virtiofs shares"),
    INTERFACE_USER("user-mode networking (type = \"user\")"),
    INTERFACE_TAP("tap interfaces"),
    INTERFACE_MACVTAP("macvtap interfaces"),
    INTERFACE_BRIDGE("bridge interfaces"),
    VSOCK("vsock"),
    BALLOON("a memory balloon"),
    INITIAL_BALLOON("an initial balloon size"),
    HOTPLUG_MEMORY("memory hotplug (virtio-mem)"),
    HUGEPAGES("hugepage-backed guest memory"),
    PCI_PASSTHROUGH("PCI passthrough"),
    USB_PASSTHROUGH("USB passthrough"),
    CREDENTIAL_FILES("systemd credential files"),
    RUN_AS_USER("dropping privileges to another user"),
    FORWARD_PORTS("port forwarding"),
    GRAPHICS("graphics"),
    EMULATED_CPU("an emulated CPU model"),
    VOLUME_SERIAL("volume serial numbers"),
    VOLUME_DIRECT("O_DIRECT volumes"),
    VOLUME_IMAGE_FORMAT("volume images other than raw");

    private final String description;

    Feature(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
