package org.jmicrovm.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmicrovm.lang.EvalOptions;
import org.jmicrovm.lang.NixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What jmicrovm adds to nixpkgs' module system and lib: better messages, the built-in inputs. */
class ModuleEngineTest {

    @RegisterExtension
    static final IsolatedModuleSystem nix = new IsolatedModuleSystem();

    @TempDir
    Path dir;

    private String json(String expr) {
        return nix.system().nix().toJson(nix.system().nix().evalString(expr, dir));
    }

    private String error(String expr) {
        try {
            json(expr);
        } catch (NixException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error from " + expr);
    }

    private void file(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void infiniteRecursionNamesTheOptions() throws IOException {
        file("m.nix", """
                { lib, config, ... }: {
                  options.a = lib.mkOption { type = lib.types.int; default = config.b + 1; };
                  options.b = lib.mkOption { type = lib.types.int; default = config.a + 1; };
                }
                """);
        assertThat(error("(nixpkgs.lib.evalModules { modules = [ ./m.nix ]; }).config.a"))
                .startsWith("infinite recursion encountered while evaluating the option `a', which needs `b'");
    }

    @Test
    void aDefaultComputedFromAnotherOptionWorks() throws IOException {
        file("m.nix", """
                { lib, config, ... }: {
                  options.name = lib.mkOption { type = lib.types.str; default = "vm"; };
                  options.socket = lib.mkOption { type = lib.types.str; default = "${config.name}.sock"; };
                }
                """);
        file("n.nix", "{ name = \"web\"; }");
        assertThat(json("(nixpkgs.lib.evalModules { modules = [ ./m.nix ./n.nix ]; }).config.socket")).isEqualTo("\"web.sock\"");
    }

    @Test
    void conflictsNameEveryDefinitionWithItsLine() throws IOException {
        file("o.nix", "{ lib, ... }: { options.mem = lib.mkOption { type = lib.types.int; }; }");
        file("a.nix", "{\n  mem = 1;\n}");
        file("b.nix", "{ mem = 2; }");
        assertThat(error("(nixpkgs.lib.evalModules { modules = [ ./o.nix ./a.nix ./b.nix ]; }).config.mem"))
                .contains("The option `mem' has conflicting definition values:")
                .contains("- In `" + dir.resolve("b.nix") + ":1:3': 2")
                .contains("- In `" + dir.resolve("a.nix") + ":2:3': 1");
    }

    @Test
    void unknownOptionsSuggestCloseNames() throws IOException {
        file("o.nix", "{ lib, ... }: { options.microvm.vcpu = lib.mkOption { default = 1; }; options.microvm.mem = lib.mkOption { default = 1; }; }");
        file("a.nix", "{ microvm.vcpus = 2; }");
        assertThat(error("(nixpkgs.lib.evalModules { modules = [ ./o.nix ./a.nix ]; }).config"))
                .contains("The option `microvm.vcpus' does not exist.")
                .contains("Did you mean `microvm.vcpu'?");
    }

    @Test
    void nixpkgsIsImportableAndHasLib() {
        assertThat(json("let pkgs = import nixpkgs { }; in [ pkgs.system pkgs.stdenv.hostPlatform.system pkgs.lib.version"
                + " pkgs.busybox.version pkgs.linuxPackages.kernel.pname (pkgs.buildPackages == pkgs) ]"))
                .isEqualTo("[\"x86_64-linux\",\"x86_64-linux\",\"25.11-jmicrovm\",\"1.35.0\",\"linux\",true]");
        assertThat(json("(import <nixpkgs> { system = \"aarch64-linux\"; }).hostPlatform.isAarch64")).isEqualTo("true");
        assertThat(json("(import <nixpkgs/lib>).mkDefault 1")).isEqualTo("{\"_type\":\"override\",\"content\":1,\"priority\":1000}");
        assertThat(json("nixpkgs.legacyPackages.x86_64-linux.linux-cloud.name")).isEqualTo("\"linux-cloud-6.1.192\"");
    }

    @Test
    void packagesNotProvidedFailClearly() {
        assertThat(error("(import nixpkgs { }).qemu_kvm"))
                .startsWith("not supported by jmicrovm: package `qemu_kvm' is not in the built-in package set (x86_64-linux)");
        assertThat(error("(import nixpkgs { }).busybox.outPath"))
                .startsWith("not supported by jmicrovm: the store path of package `busybox' (x86_64-linux) is only known once it is built");
        assertThat(error("(import nixpkgs { }).writeText \"a\" \"b\"")).startsWith("not supported by jmicrovm: pkgs.writeText");
        assertThat(error("import nixpkgs { system = \"riscv64-linux\"; }"))
                .startsWith("not supported by jmicrovm: package sets for system \"riscv64-linux\"");
        assertThat(error("import nixpkgs { overlays = [ (final: prev: { }) ]; }"))
                .startsWith("not supported by jmicrovm: overlays");
    }

    @Test
    void nixosSystemEvaluatesAGuest() throws IOException {
        file("vm.nix", "{ pkgs, ... }: { microvm.mem = 1024; environment.systemPackages = [ pkgs.busybox ]; }");
        assertThat(json("let s = nixpkgs.lib.nixosSystem { system = \"x86_64-linux\"; modules = [ ./vm.nix ];"
                + " specialArgs = { x = 1; }; }; in [ s.config.microvm.mem s.config.networking.hostName s.pkgs.system"
                + " s._type ]"))
                .isEqualTo("[1024,\"nixos\",\"x86_64-linux\",\"configuration\"]");
        // what evalModules returns plus pkgs, as nixpkgs' nixosSystem: the call arguments jmicrovm keeps for
        // `microvm-host --flake` are not listed
        assertThat(json("builtins.attrNames (nixpkgs.lib.nixosSystem { modules = [ ./vm.nix ]; })"))
                .isEqualTo("[\"_module\",\"_type\",\"class\",\"config\",\"extendModules\",\"graph\",\"options\",\"pkgs\",\"type\"]");
        assertThat(error("(nixpkgs.lib.nixosSystem { modules = [ { services.nginx.enable = true; } ]; }).config.microvm"))
                .contains("The option `services.nginx' does not exist.");
        assertThat(error("nixpkgs.lib.nixosSystem { modules = [ ]; baseModules = [ ]; }"))
                .startsWith("not supported by jmicrovm: the argument `baseModules' of nixosSystem");
    }

    @Test
    void microvmInputHasTheSchemasAsModules() {
        assertThat(json("[ (toString microvm.nixosModules.host) (toString microvm.host) (toString microvm.nixosModules.microvm) ]"))
                .isEqualTo("[\"/jmicrovm-builtin/schema/host.nix\",\"/jmicrovm-builtin/schema/host.nix\","
                        + "\"/jmicrovm-builtin/schema/guest.nix\"]");
    }

    @Test
    void unsupportedTypesSayso() {
        assertThat(error("nixpkgs.lib.types.attrTag")).isEqualTo("not supported by jmicrovm: types.attrTag");
    }

    @Test
    void evalModulesRejectsUnknownArguments() {
        assertThat(error("nixpkgs.lib.evalModules { modules = [ ]; module = 1; }"))
                .isEqualTo("function 'evalModules' called with unexpected argument 'module'");
    }

    @Test
    void aCatalogueThatBuildsGivesStorePaths() {
        org.jmicrovm.module.pkgs.PackageCatalogue building = new org.jmicrovm.module.pkgs.PackageCatalogue() {
            @Override
            public java.util.List<org.jmicrovm.module.pkgs.PackageInfo> packages(String system) {
                return java.util.List.of(new org.jmicrovm.module.pkgs.PackageInfo("busybox", "busybox", "1.35.0", "static busybox"));
            }

            @Override
            public java.util.List<String> systems() {
                return java.util.List.of("x86_64-linux");
            }

            @Override
            public java.util.Optional<String> outPath(String system, String attrPath) {
                return java.util.Optional.of("/nix/store/0000000000000000000000000000000a-" + attrPath);
            }
        };
        try (ModuleSystem s = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux"), building)) {
            assertThat(s.nix().toJson(s.nix().evalString("\"${(import nixpkgs { }).busybox}/bin/sh\"", dir)))
                    .isEqualTo("\"/nix/store/0000000000000000000000000000000a-busybox/bin/sh\"");
        }
    }
}
