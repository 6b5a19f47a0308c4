package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.flake.FlakeEvaluator;
import org.jmicrovm.flake.FlakeRef;
import org.jmicrovm.host.HostDeclarations;
import org.jmicrovm.host.Switch;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.module.ModuleSystem;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.jmicrovm.store.Store;
import org.jmicrovm.supervise.VmRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm-host {plan,switch,...} --flake REF#NAME}: the host is {@code nixosConfigurations.NAME}
 * of a flake (a git repository here), with one fully declarative VM and one deployed from the host's
 * own flake ({@code flake = self}).
 */
class HostFlakeTest {

    @TempDir
    Path tmp;

    static final String STORE_SHARE = """
            microvm.shares = [{
              source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs";
            }];""";

    /** A NixOS host flake as people write them: the host module, a file of its own, options jmicrovm ignores. */
    Path hostFlake() throws Exception {
        Path repo = tmp.resolve("etc-nixos");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("flake.nix"), """
                {
                  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
                  inputs.microvm.url = "github:microvm-nix/microvm.nix";
                  outputs = { self, nixpkgs, microvm }: {
                    nixosConfigurations.myhost = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      specialArgs = { webMem = 300; };
                      modules = [
                        microvm.nixosModules.host
                        ./host.nix
                        {
                          networking.hostName = "myhost";
                          boot.loader.grub.device = "/dev/sda";
                          microvm.vms.deployed = { flake = self; autostart = false; };
                        }
                      ];
                    };
                    nixosConfigurations.deployed = nixpkgs.lib.nixosSystem {
                      system = "x86_64-linux";
                      modules = [ microvm.nixosModules.microvm { %s microvm.mem = 200; } ];
                    };
                  };
                }
                """.formatted(STORE_SHARE));
        Files.writeString(repo.resolve("host.nix"), """
                { webMem, pkgs, ... }: {
                  microvm.vms.web = {
                    autostart = false;
                    config = { %s microvm.mem = webMem; };
                  };
                }
                """.formatted(STORE_SHARE));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("host").setSign(false).call();
        }
        return repo;
    }

    @Test
    void theHostsVmsComeFromItsNixosConfigurationAndSelfIsTheHostFlake() throws Exception {
        Path repo = hostFlake();
        FlakeRef ref = FlakeRef.parse("git+file://" + repo, tmp);
        try (ModuleSystem system = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux")
                .withTraceSink(l -> { }))) {
            FlakeEvaluator flakes = new FlakeEvaluator(system, Store.open(tmp.resolve("store")));
            FlakeEvaluator.Host host = flakes.host(ref, "myhost");
            Switch.Host declared = HostDeclarations.of(host.host().model(), ref.localDirectory(), flakes, l -> { },
                    Optional.of(new HostDeclarations.HostFlake(host.source(), ref)));
            assertThat(declared.vms()).hasSize(2);
            assertThat(declared.vms()).filteredOn(v -> v.name().value().equals("web")).singleElement()
                    .isInstanceOfSatisfying(Switch.Declared.FullyDeclarative.class,
                            web -> assertThat(web.spec().resources().memMiB()).isEqualTo(300));
            assertThat(declared.vms()).filteredOn(v -> v.name().value().equals("deployed")).singleElement()
                    .isInstanceOfSatisfying(Switch.Declared.FlakeDeployment.class, d -> {
                        // the flake's reference, not its copy in the store: `microvm -u` sees later commits
                        assertThat(d.flakeText()).isEqualTo("git+file://" + repo);
                        assertThat(d.spec().resources().memMiB()).isEqualTo(200);
                    });
        }
    }

    @Test
    void evalReadsTheHostConfigurationOfAFlake() throws Exception {
        Path repo = hostFlake();
        String store = "--store=" + tmp.resolve("store");
        CliRun.Result mem = CliRun.microvmHost("eval", "--flake", "git+file://" + repo + "#myhost", "--attr", "microvm.vms.web.config.microvm.mem", store);
        assertThat(mem.status()).isZero();
        assertThat(mem.output()).isEqualTo("300\n");
        CliRun.Result vms = CliRun.microvmHost("eval", "--flake", repo + "#myhost", "--attr", "microvm.vms", "--json", store);
        assertThat(vms.status()).as(vms.output()).isEqualTo(0);
        assertThat(vms.output()).contains("\"deployed\":{", "\"web\":{", "\"autostart\":false");
        CliRun.Result noSuch = CliRun.microvmHost("eval", "--flake", repo + "#nosuch", store);
        assertThat(noSuch.status()).isEqualTo(1);
        assertThat(noSuch.output()).contains("nosuch");
        CliRun.Result both = CliRun.microvmHost("eval", "--flake", repo.toString(), "-c", repo.resolve("host.nix").toString());
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.output()).contains("exactly one");
    }

    @Test
    void selfAndItsDirectoriesMapToTheHostFlakesReference() {
        var git = FlakeRef.parse("git+file:///etc/nixos?ref=main", Path.of("/"));
        var self = new HostDeclarations.HostFlake(Path.of("/store/abc-source"), git);
        assertThat(self.reference("/store/abc-source")).contains(git);
        assertThat(self.reference("path:/store/abc-source/")).contains(git);
        assertThat(self.reference("/store/abc-source/vms/db").map(FlakeRef::text))
                .contains("git+file:///etc/nixos?ref=main&dir=vms/db");
        assertThat(self.reference("/store/abc-source-other")).isEmpty();
        assertThat(self.reference("/srv/vms")).isEmpty();
        assertThat(git.subdirectory("vms/db").text()).isEqualTo("git+file:///etc/nixos?ref=main&dir=vms/db");
        assertThat(FlakeRef.parse("/srv/flake", Path.of("/")).subdirectory("vms").text()).isEqualTo("path:/srv/flake/vms");
        assertThat(git.localDirectory()).isEqualTo(Path.of("/etc/nixos"));
    }

    @Test
    void aRelativeReferenceIsResolvedAgainstTheWorkingDirectoryAndTheNameDefaultsToTheHostName() {
        var source = new SwitchCommand.HostSource();
        source.flake = "./hosts#alpha";
        var spec = SwitchCommand.HostSpec.of(source, Path.of("/home/me"));
        assertThat(spec.flake()).contains(FlakeRef.parse("path:/home/me/hosts", Path.of("/")));
        assertThat(spec.name()).isEqualTo("alpha");
        assertThat(spec.directory()).isEqualTo(Path.of("/home/me/hosts"));
        source.flake = ".";
        spec = SwitchCommand.HostSpec.of(source, Path.of("/home/me"));
        assertThat(spec.nameGiven()).isFalse();
        assertThat(spec.name()).isEqualTo(SwitchCommand.HostSpec.hostName()).isNotBlank();
    }

    @Test
    void configAndFlakeAreExclusiveAndAMissingConfigurationIsNamed() throws Exception {
        Path repo = hostFlake();
        String store = "--store=" + tmp.resolve("store");
        String sd = "--state-dir=" + tmp.resolve("microvms");
        CliRun.Result both = CliRun.microvmHost("plan", "-c", repo.resolve("host.nix").toString(), "--flake", repo.toString(), sd, store);
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.output()).contains("mutually exclusive");
        CliRun.Result neither = CliRun.microvmHost("plan", sd, store);
        assertThat(neither.status()).isEqualTo(2);
        assertThat(neither.output()).contains("-c=FILE", "--flake");

        CliRun.Result missing = CliRun.microvmHost("plan", "--flake", "git+file://" + repo + "#nosuch", sd, store);
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.output()).contains("has no nixosConfigurations.nosuch (it has: deployed, myhost)")
                .doesNotContain("\tat ");
        CliRun.Result byHostName = CliRun.microvmHost("plan", "--flake", repo.toString(), sd, store);
        assertThat(byHostName.status()).isEqualTo(1);
        assertThat(byHostName.output()).contains("#nixosConfigurations." + SwitchCommand.HostSpec.hostName()
                + " (the host name; name another with --flake REF#NAME)");
        CliRun.Result notAHost = CliRun.microvmHost("plan", "--flake", "path:" + repo + "#deployed", sd, store);
        assertThat(notAHost.status()).as(notAHost.output()).isEqualTo(1);
        assertThat(notAHost.output()).contains("#nixosConfigurations.deployed is a MicroVM's configuration");
        assertThat(tmp.resolve("microvms")).doesNotExist();
    }

    @Test
    @Tag("vm")
    void planAndSwitchFromTheFlake() throws Exception {
        Path repo = hostFlake();
        StateDirectory state = new StateDirectory(tmp.resolve("microvms"));
        String store = "--store=" + TestPackages.store().root();
        String sd = "--state-dir=" + state.root();
        CliRun.Result plan = CliRun.microvmHost("plan", "--flake", "git+file://" + repo + "#myhost", sd, store);
        assertThat(plan.status()).as(plan.output()).isEqualTo(0);
        assertThat(plan.output()).contains("web", "deployed");
        assertThat(state.list()).isEmpty();

        CliRun.Result switched = CliRun.microvmHost("switch", "--flake", "git+file://" + repo + "#myhost", sd, store);
        assertThat(switched.status()).as(switched.output()).isEqualTo(0);
        var web = state.vm(new VmName("web"));
        var deployed = state.vm(new VmName("deployed"));
        assertThat(web.currentTarget()).isPresent();
        assertThat(web.toplevel()).exists();
        assertThat(Files.readString(web.currentTarget().get().resolve("bin/microvm-run"))).contains("-m 300M");
        assertThat(Files.readString(deployed.flakeFile()).strip()).isEqualTo("git+file://" + repo);
        assertThat(Files.readString(deployed.currentTarget().get().resolve("bin/microvm-run"))).contains("-m 200M");
        // autostart = false: installed, not started
        assertThat(new VmRuntime(web, l -> { }).isRunning()).isFalse();
        assertThat(new VmRuntime(deployed, l -> { }).isRunning()).isFalse();
    }
}
