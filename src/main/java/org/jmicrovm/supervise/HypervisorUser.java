package org.jmicrovm.supervise;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unprivileged user the hypervisor runs as, as microvm.nix runs {@code microvm@} as
 * {@code microvm:kvm}: used when jmicrovm runs as root and the host has that user
 * ({@code MICROVM_USER}, default {@code microvm}; group {@code MICROVM_GROUP}, default
 * {@code kvm}, else the user's primary group). Without such a user the hypervisor runs as
 * the caller, and nothing changes hands.
 */
public record HypervisorUser(String user, String group) {

    public static Optional<HypervisorUser> detect(Map<String, String> environment) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        String user = environment.getOrDefault("MICROVM_USER", "microvm");
        if (user.isBlank() || user.equals("root")) {
            return Optional.empty();
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            lookup.lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        String group = environment.getOrDefault("MICROVM_GROUP", "kvm");
        try {
            lookup.lookupPrincipalByGroupName(group);
        } catch (IOException e) {
            group = primaryGroup(user).orElse(null);
        }
        return group == null ? Optional.empty() : Optional.of(new HypervisorUser(user, group));
    }

    private static Optional<String> primaryGroup(String user) {
        try {
            Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String name = new String(id.getInputStream().readAllBytes()).strip();
            return id.waitFor() == 0 && !name.isEmpty() ? Optional.of(name) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The command prefix that runs the rest as this user and group (util-linux setpriv). */
    public List<String> commandPrefix() {
        return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--");
    }

    /**
     * Gives the VM's directory and the files in it (volume images, sockets left behind) to this
     * user, so the hypervisor can create and open them. Links (current, booted, toplevel) and
     * jmicrovm's own runtime files stay as they are.
     */
    public void own(Path vmDirectory) throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
        chown(vmDirectory, owner, ownerGroup);
        try (var entries = Files.list(vmDirectory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")) {
                    chown(entry, owner, ownerGroup);
                }
            }
        }
    }

    private static void chown(Path path, UserPrincipal owner, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        view.setGroup(group);
    }
}
