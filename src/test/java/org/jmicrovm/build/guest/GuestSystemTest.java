package org.jmicrovm.build.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.build.GeneratedFiles;
import org.jmicrovm.build.StoreMount;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;
import org.jmicrovm.store.BuildInputs;
import org.jmicrovm.store.Store;
import org.jmicrovm.store.StorePath;
import org.junit.jupiter.api.Test;

class GuestSystemTest {
    private static final String BB = "/store/bb/bin/busybox";
    private static final String SELF = "/store/top";

    private static String text(GeneratedFiles f, String path) {
        return ((GeneratedFiles.File) f.nodes().get(path)).content();
    }

    private static GuestOs.Service service(String script, GuestOs.Restart restart, List<String> after) {
        return new GuestOs.Service("", script, GuestOs.ServiceType.SIMPLE, restart, 2, Optional.empty(),
                Map.of("GREETING", "hello world"), List.of(), after, List.of("multi-user.target"));
    }

    private static MicroVmSpec.Builder base() {
        return MicroVmSpec.builder("vm1").hostName("guest-one")
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store", Optional.empty()));
    }

    private static GeneratedFiles tree(MicroVmSpec spec) {
        return GuestSystem.tree(spec, BB, SELF, StoreMount.of(spec, "/var/lib/jmicrovm/store"));
    }

    @Test
    void etcHasHostnameMachineIdUsersAndEnvironmentEtc() {
        GuestOs os = GuestOs.minimal()
                .withUsers(List.of(new GuestOs.User("alice", Optional.empty(), "users", List.of("wheel"), true,
                        "/home/alice", "/bin/sh", Optional.empty(), List.of("ssh-ed25519 AAAA alice@host"))))
                .withEtc(Map.of("motd", GuestOs.EtcFile.text("welcome\n")));
        MicroVmSpec spec = base().machineId("1f1b2c3d-0000-4000-8000-00000000abcd").guestOs(os).build();
        GeneratedFiles f = tree(spec);

        assertThat(text(f, "etc/hostname")).isEqualTo("guest-one\n");
        assertThat(text(f, "etc/machine-id")).isEqualTo("1f1b2c3d00004000800000000000abcd\n");
        assertThat(text(f, "etc/passwd")).contains("root:x:0:0::/root:/bin/sh\n", "alice:x:1000:100::/home/alice:/bin/sh\n");
        assertThat(text(f, "etc/group")).contains("wheel:x:1:alice\n");
        // no password, but not locked: sshd (without PAM) and dropbear refuse keys for a locked account
        assertThat(text(f, "etc/shadow")).contains("alice:*:");
        assertThat(text(f, "etc/ssh/authorized_keys.d/alice")).isEqualTo("ssh-ed25519 AAAA alice@host\n");
        assertThat(text(f, "etc/motd")).isEqualTo("welcome\n");
        assertThat(text(f, "etc/inittab")).contains("::sysinit:/store/top/activate", "::shutdown:/store/top/shutdown");
        assertThat(text(f, "etc/acpi/PWRF/00000080")).contains("poweroff");
    }

    @Test
    void storePathsNamedOnlyInStringsBecomeReferencesOfTheSystem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Store store = Store.open(dir);
        StorePath busybox = store.build(BuildInputs.named("busybox", "test/1").build(),
                out -> java.nio.file.Files.createDirectories(out.resolve("bin")));
        StorePath hello = store.build(BuildInputs.named("hello-2.10", "test/1").build(),
                out -> java.nio.file.Files.createDirectories(out.resolve("bin")));
        StorePath motd = store.build(BuildInputs.named("motd", "test/1").build(),
                out -> java.nio.file.Files.writeString(out.resolve("motd"), "hi"));
        StorePath unrelated = store.build(BuildInputs.named("unrelated", "test/1").build(),
                out -> java.nio.file.Files.writeString(out.resolve("x"), "x"));
        GuestOs os = GuestOs.minimal()
                .withServices(Map.of("greet", service("exec " + hello + "/bin/hello\n", GuestOs.Restart.NO, List.of())))
                .withEtc(Map.of("motd", new GuestOs.EtcFile(Optional.empty(), Optional.of(motd + "/motd"), "symlink")));
        MicroVmSpec spec = base().guestOs(os).build();

        StorePath system = GuestSystem.build(store, spec, busybox, StoreMount.of(spec, store.root().toString()));

        assertThat(store.references(system)).contains(busybox, hello, motd).doesNotContain(unrelated);
        assertThat(store.closure(List.of(system))).contains(hello, motd);
        assertThat(GuestSystem.configurationTexts(spec)).contains(hello + "/bin/hello", motd + "/motd");
    }

    @Test
    void declaredUsersGetIdsThePackagesDoNotUseAndShareTheirGroups() {
        String pkgPasswd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                + "messagebus:x:999:999:System Message Bus:/:/usr/sbin/nologin\n";
        String pkgGroup = "root:x:0:\ndaemon:x:1:\nusers:x:100:\nmessagebus:x:999:\ninput:x:998:messagebus\n";
        Users users = Users.of(List.of(
                new GuestOs.User("svc", Optional.empty(), "svc", List.of("input"), false, "/var/empty", "/bin/sh",
                        Optional.empty(), List.of()),
                new GuestOs.User("alice", Optional.empty(), "users", List.of("wheel"), true, "/home/alice", "/bin/sh",
                        Optional.empty(), List.of())), pkgPasswd, pkgGroup);
        String passwd = PackageAccounts.merge(pkgPasswd, users.passwd());
        String group = PackageAccounts.merge(pkgGroup, users.group());

        assertThat(passwd).contains("svc:x:997:997::", "alice:x:1000:100::", "messagebus:x:999:999:");
        assertThat(group).contains("users:x:100:", "input:x:998:messagebus,svc\n").doesNotContain("wheel:x:1:");
        for (String file : List.of(passwd, group)) {
            List<String> ids = file.lines().map(l -> l.split(":")[2]).toList();
            assertThat(ids).as(file).doesNotHaveDuplicates();
        }
    }

    @Test
    void aShellRunsOnTheVirtioConsoleOnlyWhenTheRunnerHasAConsoleSocket() {
        assertThat(text(tree(base().build()), "etc/inittab")).contains("hvc0::respawn:-/bin/sh\n");
        MicroVmSpec without = base().qemu(org.jmicrovm.model.QemuOptions.defaults(org.jmicrovm.model.Platform.X86_64_LINUX)
                .withConsoleSocket(false)).build();
        assertThat(text(tree(without), "etc/inittab")).doesNotContain("hvc0");
        MicroVmSpec firecracker = base().hypervisor(org.jmicrovm.model.Hypervisor.FIRECRACKER).build();
        assertThat(text(tree(firecracker), "etc/inittab")).doesNotContain("hvc0");
    }

    @Test
    void theDefaultMachineIdIsDerivedFromTheHostNameAsMicrovmNixDoes() {
        // sha256("microvm.nix:guest-one"), first 32 hex digits, dashed 8-4-4-4-12
        String id = GuestSystem.machineId(base().build());
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(id).isEqualTo(GuestSystem.machineId(base().build()));
        assertThat(id).isNotEqualTo(GuestSystem.machineId(base().hostName("other").build()));
    }

    @Test
    void volumesMountByLabelOrByDriveLetterInTheOriginalsOrder() {
        MicroVmSpec spec = MicroVmSpec.builder("vm1").store(GuestStore.onErofsDisk())
                .volume(Volume.of("a.img", "/var/a", 8))
                .volume(Volume.of("b.img", "/var/b", 8).withLabel("bee"))
                .volume(Volume.of("c.img", "/var/c", 8))
                .build();
        String activate = text(tree(spec), "activate");
        // the store disk is vda, so volumes start at vdb
        assertThat(activate).contains("wait_for /dev/vdb", "wait_for LABEL=bee", "wait_for /dev/vdd")
                .doesNotContain("/dev/vda");
    }

    @Test
    void sharesUseThe9pOptionsOfTheOriginalAndTheStoreShareIsLeftToStageOne() {
        MicroVmSpec spec = base()
                .share(Share.of(Share.Proto.NINE_P, "data", "data", "/data", Optional.empty()))
                .share(Share.of(Share.Proto.NINE_P, "docs", "docs", "/docs", Optional.empty()).withReadOnly(true))
                .build();
        String activate = text(tree(spec), "activate");
        assertThat(activate).contains("mount -t 9p -o trans=virtio,version=9p2000.L,msize=65536 data /data",
                "mount -t 9p -o trans=virtio,version=9p2000.L,msize=65536,ro docs /docs");
        assertThat(activate).doesNotContain("ro-store");
    }

    @Test
    void servicesStartInAfterOrderWithTheirRestartPolicyAndAcpidComesBeforeTheMarker() {
        GuestOs os = GuestOs.minimal().withServices(Map.of(
                "web", service("exec httpd -f", GuestOs.Restart.ON_FAILURE, List.of("db.service", "network.target")),
                "db", service("exec sleep 1000", GuestOs.Restart.ALWAYS, List.of())));
        GeneratedFiles f = tree(base().guestOs(os).build());
        String activate = text(f, "activate");
        assertThat(activate.indexOf("services/db/supervise")).isLessThan(activate.indexOf("services/web/supervise"));
        assertThat(activate.indexOf("acpid ")).isLessThan(activate.indexOf("MICROVM-READY"));
        assertThat(activate.indexOf("services/web/supervise")).isLessThan(activate.indexOf("MICROVM-READY"));
        assertThat(text(f, "services/web/supervise")).contains("if [ \"$rc\" -ne 0 ]; then", "sleep 2");
        assertThat(text(f, "services/db/supervise")).contains("if true; then");
        assertThat(text(f, "services/web/run")).startsWith("#!" + BB + " sh\n")
                .contains("export GREETING='hello world'", "exec httpd -f");
    }

    @Test
    void serviceCyclesAndUnknownPackagesAreReported() {
        GuestOs cyclic = GuestOs.minimal().withServices(Map.of(
                "a", service("true", GuestOs.Restart.NO, List.of("b.service")),
                "b", service("true", GuestOs.Restart.NO, List.of("a.service"))));
        assertThatThrownBy(() -> tree(base().guestOs(cyclic).build())).hasMessageContaining("cycle");

        GuestOs withPkgs = new GuestOs(Map.of(), List.of(), GuestOs.Network.none(), Map.of(), List.of("htop"),
                List.of(), Optional.empty());
        assertThatThrownBy(() -> tree(base().guestOs(withPkgs).build()))
                .hasMessageContaining("not supported by jmicrovm: guest packages htop");
    }

    @Test
    void interfacesAreFoundByMacWithStaticAddressesOrDhcp() {
        String mac = "02:00:00:00:00:01";
        GuestOs os = GuestOs.minimal().withNetwork(new GuestOs.Network(
                List.of(new GuestOs.GuestInterface(mac, List.of(new GuestOs.IpAddress("10.0.0.2", 24)), false)),
                Optional.of("10.0.0.1"), List.of("9.9.9.9"), List.of()));
        MicroVmSpec spec = base().iface(NetInterface.tap("vm-a", mac))
                .iface(NetInterface.user("usernet", "02:00:00:00:00:02")).guestOs(os).build();
        GeneratedFiles f = tree(spec);
        String activate = text(f, "activate");
        assertThat(activate).contains("ifname_of 02:00:00:00:00:01", "ip addr add 10.0.0.2/24 dev \"$ifc\"",
                "ip route add default via 10.0.0.1", "ifname_of 02:00:00:00:00:02", "udhcpc -i \"$ifc\"");
        assertThat(text(f, "etc/resolv.conf")).isEqualTo("nameserver 9.9.9.9\n");
    }

    @Test
    void shutdownStopsServicesUnmountsInReverseAndPowersOff() {
        MicroVmSpec spec = base().volume(Volume.of("a.img", "/var/a", 8)).volume(Volume.of("b.img", "/var/b", 8)).build();
        String shutdown = text(tree(spec), "shutdown");
        assertThat(shutdown.indexOf("umount /var/b")).isLessThan(shutdown.indexOf("umount /var/a"));
        assertThat(shutdown).endsWith("poweroff -f\n");
    }
}
