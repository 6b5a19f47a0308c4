package org.jmicrovm.module.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.HostBridge;
import org.jmicrovm.model.HostConfig;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.VmDeclaration;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.module.corpus.ModuleCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host configuration files evaluated to model records, starting with the seed's two examples verbatim. */
class HostEvaluatorTest {

    private static ModuleSystem system;
    private static HostEvaluator hosts;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        system = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux").withTraceSink(l -> { }));
        hosts = new HostEvaluator(system);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void seedFullyDeclarativeEvaluatesUnchanged() {
        Path seed = ModuleCorpus.root().resolve("schema-expected/host-seed-fully-declarative/seed.nix");
        HostConfig host = hosts.evaluate(seed).model();

        assertThat(host.enable()).isTrue();
        assertThat(host.stateDir()).isEqualTo("/var/lib/microvms");
        assertThat(host.startupTimeout()).isEqualTo(150);
        assertThat(host.autostart()).containsExactly("my-microvm");
        VmDeclaration vm = host.vms().get("my-microvm");
        assertThat(vm).isInstanceOf(VmDeclaration.FullyDeclarative.class);
        assertThat(vm.autostart()).isTrue();
        assertThat(vm.restartIfChanged()).isTrue();
        MicroVmSpec spec = ((VmDeclaration.FullyDeclarative) vm).spec();
        assertThat(spec.hostName()).isEqualTo("my-microvm");
        assertThat(spec.platform()).isEqualTo(Platform.X86_64_LINUX);
        assertThat(spec.hypervisor()).isEqualTo(Hypervisor.QEMU);
        assertThat(spec.shares()).containsExactly(new Share("ro-store", "/nix/store", "/nix/.ro-store",
                Share.Proto.VIRTIOFS, java.util.Optional.of("my-microvm-virtiofs-ro-store.sock"), Share.SecurityModel.NONE,
                false, Share.Cache.AUTO, true, List.of()));
        assertThat(spec.store().storeOnDisk()).isFalse();
        assertThat(spec.socket()).contains("my-microvm.sock");
        assertThat(spec.resources().memMiB()).isEqualTo(512);
        assertThat(spec.boot().kernel()).isEqualTo("linux");
        assertThat(spec.machineId()).contains("d708abb9-9026-9975-ca02-6e2a1f7eed21");
        assertThat(spec.hypervisorOptions().qemu().machine()).isEqualTo("microvm");
    }

    @Test
    void seedDeclarativeDeploymentIsAFlakeVm() {
        Path seed = ModuleCorpus.root().resolve("schema-expected/host-seed-declarative-deployment/seed-host.nix");
        HostConfig host = hosts.evaluate(seed).model();

        VmDeclaration vm = host.vms().get("my-microvm");
        assertThat(vm).isInstanceOf(VmDeclaration.FlakeDeployment.class);
        VmDeclaration.FlakeDeployment flake = (VmDeclaration.FlakeDeployment) vm;
        assertThat(flake.flake()).isEqualTo(seed.getParent().toString());
        assertThat(flake.updateFlake()).contains("git+file:///etc/nixos");
        assertThat(flake.autostart()).isTrue();
        assertThat(flake.restartIfChanged()).isFalse();
        assertThat(host.autostart()).containsExactly("my-microvm");
    }

    @Test
    void vmsWithSharesVolumesInterfacesAndOsOptions() throws IOException {
        Path f = file("host.nix", """
                { lib, pkgs, ... }: {
                  networking.firewall.enable = false;   # a NixOS host option: accepted, ignored
                  microvm.autostart = [ "imperative" ];
                  microvm.vms.web = {
                    autostart = false;
                    rollbackOnFailure = true;
                    config = { config, ... }: {
                      microvm.vcpu = 2;
                      microvm.mem = 256;
                      microvm.shares = [ { tag = "data"; source = "/srv/web"; mountPoint = "/srv"; proto = "virtiofs"; } ];
                      microvm.volumes = [ { image = "var.img"; mountPoint = "/var"; size = 128; label = "var"; } ];
                      microvm.interfaces = [ { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:01"; } ];
                      networking.interfaces.eth0.ipv4.addresses = [ { address = "10.0.0.2"; prefixLength = 24; } ];
                      networking.defaultGateway = "10.0.0.1";
                      systemd.services.hello = { script = "echo hi"; wantedBy = [ "multi-user.target" ]; };
                      environment.etc."motd".text = "welcome to ${config.networking.hostName}";
                      users.users.admin.openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAA admin" ];
                      users.users.alice = { isNormalUser = true; extraGroups = [ "wheel" ]; hashedPassword = "$6$x$y"; };
                      time.timeZone = "Europe/Berlin";
                      environment.systemPackages = [ pkgs.busybox ];
                    };
                  };
                  # a second definition of the same VM's config, merged as NixOS merges modules
                  imports = [ { microvm.vms.web.config.microvm.hypervisor = lib.mkForce "cloud-hypervisor"; } ];
                }
                """);
        HostConfig host = hosts.evaluate(f).model();
        assertThat(host.autostart()).containsExactly("imperative");
        MicroVmSpec spec = ((VmDeclaration.FullyDeclarative) host.vms().get("web")).spec();
        assertThat(host.vms().get("web").rollbackOnFailure()).isTrue();
        assertThat(spec.hypervisor()).isEqualTo(Hypervisor.CLOUD_HYPERVISOR);
        assertThat(spec.resources().vcpu()).isEqualTo(2);
        assertThat(spec.resources().memMiB()).isEqualTo(256);
        assertThat(spec.shares()).singleElement().satisfies(s -> {
            assertThat(s.proto()).isEqualTo(Share.Proto.VIRTIOFS);
            assertThat(s.socket()).contains("web-virtiofs-data.sock");
        });
        assertThat(spec.store().storeOnDisk()).isTrue();
        assertThat(spec.store().storeDiskType()).isEqualTo(GuestStore.StoreDiskType.EROFS);
        assertThat(spec.store().erofsFlags()).containsExactly("-zlz4hc", "-Eztailpacking", "-Efragments");
        assertThat(spec.volumes()).singleElement().satisfies(v -> {
            assertThat(v.sizeMiB()).hasValue(128);
            assertThat(v.label()).contains("var");
            assertThat(v.mountPoint()).contains("/var");
        });
        assertThat(spec.interfaces()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo("vm-web"));
        assertThat(spec.guestOs().network().interfaces()).singleElement().satisfies(i -> {
            assertThat(i.mac()).isEqualTo("02:00:00:00:00:01");
            assertThat(i.addresses()).extracting(Object::toString).containsExactly("10.0.0.2/24");
        });
        assertThat(spec.guestOs().network().defaultGateway()).contains("10.0.0.1");
        assertThat(spec.guestOs().services()).containsKey("hello");
        assertThat(spec.guestOs().etc().get("motd").text()).contains("welcome to web");
        assertThat(spec.guestOs().etc()).containsKey("machine-id");
        assertThat(spec.guestOs().users()).hasSize(2);
        assertThat(spec.guestOs().users().get(0)).satisfies(u -> {
            assertThat(u.name()).isEqualTo("admin");
            assertThat(u.authorizedKeys()).hasSize(1);
            assertThat(u.isNormalUser()).isFalse();
            assertThat(u.home()).isEqualTo("/var/empty");
        });
        assertThat(spec.guestOs().users().get(1)).satisfies(u -> {
            assertThat(u.name()).isEqualTo("alice");
            assertThat(u.isNormalUser()).isTrue();
            assertThat(u.group()).isEqualTo("users");
            assertThat(u.extraGroups()).containsExactly("wheel");
            assertThat(u.home()).isEqualTo("/home/alice");
            assertThat(u.shell()).isEqualTo("/bin/sh");
            assertThat(u.hashedPassword()).contains("$6$x$y");
        });
        assertThat(spec.guestOs().timeZone()).contains("Europe/Berlin");
        assertThat(spec.guestOs().packages()).containsExactly("busybox");
        assertThat(spec.boot().kernelParams()).containsExactly("8250.nr_uarts=1");
        assertThat(host.vms().get("web").autostart()).isFalse();
    }

    @Test
    void failedAssertionsOfHostAndGuestsAreListedTogether() throws IOException {
        Path f = file("host.nix", """
                {
                  microvm.vms.a = { config = { }; flake = ./.; };
                  microvm.vms.b.config.microvm.interfaces = [
                    { type = "tap"; id = "sixteen-chars-id"; mac = "02:00:00:00:00:02"; }
                  ];
                }
                """);
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Failed assertions:")
                .hasMessageContaining("- vm a: Fully-declarative VMs cannot also set a flake!")
                .hasMessageContaining("- microvm.vms.b.config: MicroVM b: interface name sixteen-chars-id is longer than"
                        + " Linux's limit of 15 characters.");
    }

    @Test
    void unknownGuestOptionIsAnError() throws IOException {
        Path f = file("host.nix", "{ microvm.vms.web.config.services.nginx.enable = true; }");
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(NixException.class)
                .hasMessageContaining("The option `microvm.vms.web.config.services.nginx' does not exist.");
    }

    @Test
    void evalAttrReadsAVmsGuestConfiguration() throws IOException {
        Path f = file("host.nix", "{ microvm.vms.web.config.microvm.mem = 768; }");
        EvaluatedHost host = hosts.evaluate(f);
        assertThat(system.nix().toJson(host.valueAt(List.of("microvm", "vms", "web", "config", "microvm", "mem"))))
                .isEqualTo("768");
        assertThat(system.nix().toJson(host.valueAt(List.of("microvm", "vms", "web", "autostart")))).isEqualTo("true");
    }

    @Test
    void guestWarningsAreCollected() throws IOException {
        Path f = file("host.nix", "{ microvm.vms.small.config.microvm.mem = 16; }");
        assertThat(hosts.evaluate(f).warnings()).containsExactly("MicroVM small: 16 MB of RAM is uncomfortably narrow.");
    }

    @Test
    void evaluatedConfigFromNixosSystemIsFullyDeclarative() throws IOException {
        Path f = file("host.nix", """
                { nixpkgs, ... }: {
                  microvm.vms.pre = {
                    evaluatedConfig = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      modules = [ { networking.hostName = "pre"; microvm.vcpu = 3; } ];
                    };
                  };
                }
                """);
        HostConfig host = hosts.evaluate(f).model();
        VmDeclaration vm = host.vms().get("pre");
        assertThat(vm).isInstanceOf(VmDeclaration.FullyDeclarative.class);
        assertThat(vm.restartIfChanged()).isFalse();
        MicroVmSpec spec = ((VmDeclaration.FullyDeclarative) vm).spec();
        assertThat(spec.resources().vcpu()).isEqualTo(3);
        assertThat(spec.hostName()).isEqualTo("pre");
    }

    @Test
    void invalidVmNamesAreReportedWhereTheyAreDefinedBeforeAnyGuestIsEvaluated() throws IOException {
        Path f = file("host.nix", """
                {
                  microvm.vms.ok.config = { };
                  microvm.vms."../etc".config = { };
                  microvm.vms = { "with space" = { config = { }; }; };
                }
                """);
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(f + ":3:3: microvm.vms.\"../etc\": VM name '../etc' may only contain letters")
                .hasMessageContaining(f + ":4:19: microvm.vms.\"with space\": VM name 'with space' may only contain")
                .hasMessageContaining("(hint: a VM's name becomes its directory under the state directory")
                .hasMessageNotContaining("hostName");
    }

    @Test
    void aVmNeedsConfigOrFlake() throws IOException {
        Path f = file("host.nix", "{ microvm.vms.empty.autostart = false; }");
        assertThatThrownBy(() -> hosts.evaluate(f).model())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("vm empty: neither `config' (a fully declarative VM) nor `flake' (a declarative deployment) is set"
                        + " in microvm.vms.empty");
    }

    @Test
    void aGuestOfAnotherSystem() throws IOException {
        Path f = file("host.nix", """
                { nixpkgs, ... }: {
                  microvm.vms.arm = {
                    pkgs = import nixpkgs { system = "aarch64-linux"; };
                    config.boot.kernelPackages.kernel = (import nixpkgs { system = "aarch64-linux"; }).linux-generic;
                  };
                }
                """);
        MicroVmSpec spec = ((VmDeclaration.FullyDeclarative) hosts.evaluate(f).model().vms().get("arm")).spec();
        assertThat(spec.platform()).isEqualTo(Platform.AARCH64_LINUX);
        assertThat(spec.hypervisorOptions().qemu().machine()).isEqualTo("virt");
        assertThat(spec.boot().kernel()).isEqualTo("linux-generic");
    }

    @Test
    void aFlakesNixosConfigurationBecomesASpec() {
        MicroVmSpec spec = GuestConfigurations.spec(system, "fromflake", system.nix().evalString(
                "nixpkgs.lib.nixosSystem { system = \"x86_64-linux\"; modules = [ { networking.hostName = \"fromflake\";"
                + " microvm.hypervisor = \"firecracker\"; microvm.mem = 300; } ]; }", dir));
        assertThat(spec.hypervisor()).isEqualTo(Hypervisor.FIRECRACKER);
        assertThat(spec.resources().memMiB()).isEqualTo(300);
        assertThatThrownBy(() -> GuestConfigurations.spec(system, "bad", system.nix().evalString(
                "nixpkgs.lib.nixosSystem { modules = [ { microvm.hypervisor = \"firecracker\"; microvm.balloon = true; } ]; }", dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("firecracker does not support memory ballooning");
    }

    /**
     * Values the module system's types accept but a MicroVM cannot use (a volume of size 0, a service without a
     * script, an interface the VM has no card for) are reported at the place they were written: file, line and
     * column of the attribute, found through the option's definitions, across definitions and files.
     */
    @Nested
    class LocatedModelErrors {

        private static final String STORE_SHARE =
                "microvm.shares = [ { tag = \"ro-store\"; source = \"/nix/store\"; mountPoint = \"/nix/.ro-store\"; } ];";

        @Test
        void volumeOfSizeZeroPointsAtItsSizeAttribute() throws IOException {
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        microvm.volumes = [
                          { image = "a.img"; mountPoint = "/a"; size = 16; }
                          { image = "b.img"; mountPoint = "/b";
                            size = 0; }
                        ];
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(f + ":7:9: vm web: microvm.volumes.[1].size: must be a positive integer, got 0");
        }

        @Test
        void listElementsAreCountedAcrossDefinitionsInOtherFiles() throws IOException {
            file("volumes.nix", """
                    { ... }: {
                      microvm.volumes = [
                        { image = "c.img"; mountPoint = "/c"; size = -4; }
                      ];
                    }
                    """);
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        imports = [ ./volumes.nix ];
                        %s
                        microvm.volumes = [ { image = "a.img"; mountPoint = "/a"; size = 8; } ];
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(dir.resolve("volumes.nix") + ":3:43: vm web: microvm.volumes.[")
                    .hasMessageEndingWith("].size: must be a positive integer, got -4");
        }

        @Test
        void attributeSetElementsAndNamesWithDots() throws IOException {
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        environment.etc."resolv.conf" = {
                          text = "nameserver 10.0.0.1";
                          mode = "rw-r--r--";
                        };
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(f + ":6:7: vm web: environment.etc.resolv.conf.mode: ");
        }

        @Test
        void readerChecksAreLocatedToo() throws IOException {
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        systemd.services.hello = {
                          wantedBy = [ "multi-user.target" ];
                          script = "  ";
                        };
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(f + ":6:7: vm web: systemd.services.hello.script: is empty: a guest service runs its script, or serviceConfig.ExecStart");

            Path g = file("host2.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        networking.interfaces.eth1.useDHCP = true;
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(g).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(g + ":4:5: vm web: networking.interfaces.eth1: VM web has no such network card;");
        }

        @Test
        void aCredentialNameThatCannotBeAFileName() throws IOException {
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        microvm.credentialFiles."../escape" = "/run/secrets/token";
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(f + ":4:5: vm web: microvm.credentialFiles.../escape: a credential name may only contain"
                            + " letters, digits and _ . @ : + -");
        }

        @Test
        void aKernelFromElsewhereIsLocated() throws IOException {
            Path f = file("host.nix", """
                    {
                      microvm.vms.web.config = {
                        %s
                        microvm.kernel = { type = "derivation"; name = "my-linux"; outPath = "/opt/linux"; };
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(f + ":4:5: vm web: microvm.kernel: is not a package of jmicrovm's built-in"
                            + " package set; use pkgs.linux");
        }

        @Test
        void hostBridgesAreReadAndTheirValuesLocated() throws IOException {
            Path good = file("good.nix", """
                    { microvm.host.bridges.microvm = { interfaces = [ "vm-*" ]; addresses = [ "10.0.0.1/24" ]; }; }
                    """);
            assertThat(hosts.evaluate(good).model().bridges()).containsOnlyKeys("microvm")
                    .hasEntrySatisfying("microvm", b -> {
                        assertThat(b.interfaces()).containsExactly("vm-*");
                        assertThat(b.addresses()).containsExactly("10.0.0.1/24");
                    });
            Path bad = file("bad.nix", """
                    {
                      microvm.host.bridges.microvm = {
                        addresses = [ "10.0.0.1" ];
                      };
                    }
                    """);
            assertThatThrownBy(() -> hosts.evaluate(bad).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(bad + ":3:5: microvm.host.bridges.microvm.addresses: '10.0.0.1' is not an address with"
                            + " its prefix length, such as 10.0.0.1/24 or fd00::1/64");
        }

        @Test
        void aBridgesDhcpServerIsReadWithItsRangeAndItsErrorsLocated() throws IOException {
            Path good = file("dhcp.nix", """
                    {
                      microvm.host.bridges.microvm = { addresses = [ "10.0.0.1/24" ]; dhcp.enable = true; };
                      microvm.host.bridges.lab = {
                        addresses = [ "192.168.7.1/24" ];
                        dhcp = { enable = true; start = "192.168.7.10"; end = "192.168.7.20"; dns = false; };
                      };
                      microvm.host.bridges.plain.addresses = [ "10.9.0.1/24" ];
                    }
                    """);
            var bridges = hosts.evaluate(good).model().bridges();
            assertThat(bridges.get("microvm").dhcp()).isEqualTo(new HostBridge.Dhcp("10.0.0.2", "10.0.0.254", true));
            assertThat(bridges.get("lab").dhcp()).isEqualTo(new HostBridge.Dhcp("192.168.7.10", "192.168.7.20", false));
            assertThat(bridges.get("plain").dhcpServer()).isEmpty();
            Path bad = file("dhcp-bad.nix", """
                    {
                      microvm.host.bridges.microvm = {
                        addresses = [ "10.0.0.1/24" ];
                        dhcp.enable = true;
                        dhcp.start = "10.0.0.1";
                        dhcp.end = "10.0.0.50";
                      };
                    }
                    """);
            assertThatThrownBy(() -> hosts.evaluate(bad).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(bad + ":5:5: microvm.host.bridges.microvm.dhcp.start: the range 10.0.0.1-10.0.0.50"
                            + " includes the bridge's own address 10.0.0.1: let it start after it");
        }

        @Test
        void whatTwoVmsCannotShareIsAnErrorNamingBoth() throws IOException {
            String vm = """
                    microvm.vms.%s.config = {
                      %s
                      microvm.interfaces = [ { type = "%s"; id = "%s"; mac = "%s"; } ];
                      microvm.vsock.cid = %s;
                      microvm.forwardPorts = %s;
                    };
                    """;
            String user = "[ { from = \"host\"; host.port = 2222; guest.port = 22; } ]";
            Path fine = file("fine.nix", "{\n" + vm.formatted("a", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "3", "[ ]")
                    + vm.formatted("b", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "4", "[ ]") + "}\n");
            assertThat(hosts.evaluate(fine).model().vms()).as("user networks are qemu's own: ids and MACs may repeat")
                    .containsOnlyKeys("a", "b");
            Path taps = file("taps.nix", "{\n" + vm.formatted("a", STORE_SHARE, "tap", "vm-a", "02:00:00:00:00:01", "3", "[ ]")
                    + vm.formatted("b", STORE_SHARE, "tap", "vm-a", "02:00:00:00:00:02", "4", "[ ]") + "}\n");
            assertThatThrownBy(() -> hosts.evaluate(taps).model()).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("microvm.vms.b.config.microvm.interfaces: the tap interface id vm-a is VM a's"
                            + " already (interface names are the host's, one per VM)");
            Path macs = file("macs.nix", "{\n" + vm.formatted("a", STORE_SHARE, "tap", "vm-a", "02:00:00:00:00:01", "3", "[ ]")
                    + vm.formatted("b", STORE_SHARE, "tap", "vm-b", "02:00:00:00:00:01", "4", "[ ]") + "}\n");
            assertThatThrownBy(() -> hosts.evaluate(macs).model())
                    .hasMessageContaining("microvm.vms.b.config.microvm.interfaces: the MAC 02:00:00:00:00:01 is VM a's already");
            Path cids = file("cids.nix", "{\n" + vm.formatted("a", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "3", "[ ]")
                    + vm.formatted("b", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "3", "[ ]") + "}\n");
            assertThatThrownBy(() -> hosts.evaluate(cids).model())
                    .hasMessageContaining("microvm.vms.b.config.microvm.vsock.cid: vsock cid 3 is VM a's already");
            Path ports = file("ports.nix", "{\n" + vm.formatted("a", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "3", user)
                    + vm.formatted("b", STORE_SHARE, "user", "u", "02:00:00:00:00:01", "4", user) + "}\n");
            assertThatThrownBy(() -> hosts.evaluate(ports).model())
                    .hasMessageContaining("microvm.vms.b.config.microvm.forwardPorts: tcp port 2222 of the host is forwarded"
                            + " by VM a already: only one of them could start");
        }

        @Test
        void portForwardsAreReadWithTheirVmsAddressesAndTheirErrorsLocated() throws IOException {
            Path good = file("forwards.nix", """
                    {
                      microvm.host.bridges.microvm = {
                        addresses = [ "10.0.0.1/24" ];
                        dhcp = { enable = true; hosts.web = "10.0.0.10"; };
                        forwardPorts = [
                          { host.port = 8080; guest.address = "web"; guest.port = 80; }
                          { proto = "udp"; host.address = "192.0.2.1"; host.port = 5353; guest.address = "10.0.0.11"; guest.port = 53; }
                        ];
                      };
                    }
                    """);
            assertThat(hosts.evaluate(good).model().bridges().get("microvm").forwardPorts()).containsExactly(
                    new HostBridge.PortForward("tcp", null, 8080, "10.0.0.10", 80),
                    new HostBridge.PortForward("udp", "192.0.2.1", 5353, "10.0.0.11", 53));
            Path bad = file("forwards-bad.nix", """
                    {
                      microvm.host.bridges.microvm = {
                        addresses = [ "10.0.0.1/24" ];
                        forwardPorts = [
                          { host.port = 8080; guest.address = "web"; guest.port = 80; }
                        ];
                      };
                    }
                    """);
            assertThatThrownBy(() -> hosts.evaluate(bad).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(bad + ":5:27: microvm.host.bridges.microvm.forwardPorts.[0].guest.address: 'web' is neither"
                            + " an IPv4 address nor a name of this bridge's dhcp.hosts");
            Path twice = file("forwards-twice.nix", """
                    {
                      microvm.host.bridges.a = { addresses = [ "10.0.0.1/24" ]; forwardPorts = [ { host.port = 80; guest.address = "10.0.0.5"; guest.port = 80; } ]; };
                      microvm.host.bridges.b = { addresses = [ "10.1.0.1/24" ]; forwardPorts = [ { host.port = 80; guest.address = "10.1.0.5"; guest.port = 80; } ]; };
                    }
                    """);
            assertThatThrownBy(() -> hosts.evaluate(twice).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("microvm.host.bridges.b.forwardPorts: tcp port 80 is forwarded by bridge a already");
        }

        @Test
        void aScalarOptionPointsAtItsDefinition() throws IOException {
            Path f = file("host.nix", """
                    { lib, ... }: {
                      microvm.vms.web.config = {
                        %s
                        microvm.forwardPorts = [ { from = "host"; host.port = 0; guest.port = 22; } ];
                        microvm.interfaces = [ { type = "user"; id = "u"; mac = "02:00:00:00:00:01"; } ];
                      };
                    }
                    """.formatted(STORE_SHARE));
            assertThatThrownBy(() -> hosts.evaluate(f).model())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("microvm.forwardPorts.[0].host.port")
                    .hasMessageStartingWith(f + ":4:");
        }
    }
}
