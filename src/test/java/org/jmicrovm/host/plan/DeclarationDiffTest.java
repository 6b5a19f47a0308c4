package org.jmicrovm.host.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclarationDiffTest {

    static Map<String, Object> doc(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> volume(String image, int size, boolean autoCreate) {
        return doc("image", image, "mountPoint", "/mnt/" + image, "size", size, "autoCreate", autoCreate,
                "fsType", "ext4");
    }

    static Map<String, Object> share(String tag, boolean readOnly) {
        return doc("tag", tag, "source", "/srv/" + tag, "readOnly", readOnly);
    }

    @Test
    void equalDeclarationsHaveNoChanges() {
        var d = doc("microvm.mem", 512, "microvm.shares", List.of(share("a", false)));
        assertThat(DeclarationDiff.between(d, doc("microvm.mem", 512, "microvm.shares", List.of(share("a", false)))))
                .isEmpty();
    }

    @Test
    void scalarsShowBothValues() {
        assertThat(DeclarationDiff.between(
                doc("microvm.mem", 512, "microvm.user", null, "microvm.hypervisor", "qemu"),
                doc("microvm.mem", 1024, "microvm.user", "microvm", "microvm.hypervisor", "qemu")))
                .containsExactly("microvm.mem: 512 -> 1024", "microvm.user: null -> \"microvm\"");
    }

    @Test
    void itemsWithAnIdentityAreMatchedByItNotByPosition() {
        var before = doc("microvm.shares", List.of(share("store", true), share("data", false)));
        var after = doc("microvm.shares", List.of(share("logs", false), share("store", true), share("data", true)));
        assertThat(DeclarationDiff.between(before, after)).containsExactly(
                "microvm.shares[logs]: added",
                "microvm.shares[data].readOnly: false -> true");
    }

    @Test
    void removedAndReorderedItemsAreSaidSoAndVolumesSayWhatHappensToTheirImages() {
        var before = doc("microvm.volumes", List.of(volume("a.img", 64, true), volume("b.img", 64, true),
                volume("c.img", 64, true)));
        var after = doc("microvm.volumes", List.of(volume("c.img", 128, true), volume("a.img", 64, true),
                volume("d.img", 8, true)));
        assertThat(DeclarationDiff.between(before, after)).containsExactly(
                "microvm.volumes[c.img].size: 64 -> 128 (an existing image keeps its size: `microvm reset`"
                        + " recreates autoCreate images)",
                "microvm.volumes[d.img]: added (created empty at the next start when its image does not exist)",
                "microvm.volumes[b.img]: removed (its image stays where it is; delete it by hand when it is no"
                        + " longer wanted)",
                "microvm.volumes: new order c.img, a.img (the guest sees the volumes as other /dev/vdX devices)");
    }

    @Test
    void listsOfStringsShowWhatCameAndWent() {
        assertThat(DeclarationDiff.between(
                doc("environment.systemPackages", List.of("busybox", "python3")),
                doc("environment.systemPackages", List.of("nginx", "busybox"))))
                .containsExactly("environment.systemPackages: + \"nginx\", - \"python3\"");
        assertThat(DeclarationDiff.between(
                doc("microvm.kernelParams", List.of("quiet", "console=ttyS0")),
                doc("microvm.kernelParams", List.of("console=ttyS0", "quiet"))))
                .containsExactly("microvm.kernelParams: same items, new order");
    }

    @Test
    void attributeSetsAreComparedByNameAndScriptsByTheirLines() {
        var before = doc("systemd.services", doc(
                "web", doc("script", "nginx -g 'daemon off;'\n", "wantedBy", List.of("multi-user.target")),
                "old", doc("script", "true")));
        var after = doc("systemd.services", doc(
                "web", doc("script", "mkdir -p /run/nginx\nnginx -g 'daemon off;'\n",
                        "wantedBy", List.of("multi-user.target")),
                "cron", doc("script", "true")));
        assertThat(DeclarationDiff.between(before, after)).containsExactly(
                "systemd.services.web.script: changed (1 line -> 2 lines)",
                "systemd.services.old: removed",
                "systemd.services.cron: added");
    }

    @Test
    void passwordHashesAreNotShown() {
        assertThat(DeclarationDiff.between(
                doc("users.users", doc("alice", doc("hashedPassword", "$6$old", "home", "/home/alice"))),
                doc("users.users", doc("alice", doc("hashedPassword", "$6$new", "home", "/home/a")))))
                .containsExactly("users.users.alice.hashedPassword: changed (not shown)",
                        "users.users.alice.home: \"/home/alice\" -> \"/home/a\"");
    }

    @Test
    void longValuesAreShortened() {
        String key = "ssh-ed25519 " + "A".repeat(200) + " alice";
        String line = DeclarationDiff.between(doc("k", "short"), doc("k", key)).getFirst();
        assertThat(line).startsWith("k: \"short\" -> \"ssh-ed25519 AAA").endsWith("ce\"").hasSizeLessThan(90);
    }

    @Test
    void itemsWithoutIdentityAreComparedByPositionWhenTheCountStays() {
        var port = (java.util.function.IntFunction<Map<String, Object>>) p -> doc("host.port", p, "guest.port", 80);
        assertThat(DeclarationDiff.between(
                doc("microvm.forwardPorts", List.of(port.apply(8080))),
                doc("microvm.forwardPorts", List.of(port.apply(8081)))))
                .containsExactly("microvm.forwardPorts[0].host.port: 8080 -> 8081");
        assertThat(DeclarationDiff.between(
                doc("microvm.forwardPorts", List.of(port.apply(8080))),
                doc("microvm.forwardPorts", List.of(port.apply(8080), port.apply(2222)))))
                .containsExactly("microvm.forwardPorts: 1 -> 2 items");
    }
}
