package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the evaluation path free of the two Java constructs whose {@code invokedynamic} bootstraps
 * spin classes at run time that the launcher's start-up cache (JDK 25's AOT cache) cannot hold: pattern
 * {@code switch}es ({@code SwitchBootstraps}, a {@code $$TypeSwitch} class per site) and a record's
 * generated {@code equals}/{@code hashCode}/{@code toString} ({@code ObjectMethods}). Each first use costs
 * 5-30 ms of interpreted class generation in every cold command (docs/performance.md); they are fine
 * in error paths and after evaluation, not in it.
 *
 * <p>A fresh JVM evaluates a host of three guests ({@code eval -c --json}) and an expression using the
 * module system, regexes, versions and JSON, with class loading logged.
 */
class StartupPathTest {

    @TempDir
    Path tmp;

    static final String HOST = """
            { lib, ... }: {
              microvm.vms = lib.genAttrs [ "a" "b" "c" ] (n: {
                config = { config, ... }: {
                  microvm.hypervisor = if n == "b" then "cloud-hypervisor" else "qemu";
                  microvm.shares = [
                    { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; proto = "virtiofs"; }
                    { tag = "data"; source = "/srv/${n}"; mountPoint = "/data"; proto = "virtiofs"; } ];
                  microvm.volumes = [ { image = "var.img"; mountPoint = "/var"; size = 64; } ];
                  microvm.interfaces = [ { type = "tap"; id = "vm-${n}"; mac = "02:00:00:00:00:0${toString (lib.stringLength n)}"; } ];
                  microvm.forwardPorts = lib.optional (n == "a") { from = "host"; host.port = 2222; guest.port = 22; };
                  networking.interfaces.eth0.ipv4.addresses = [ { address = "10.0.0.2"; prefixLength = 24; } ];
                  environment.etc."motd".text = "hello from ${config.networking.hostName}";
                  systemd.services.s = { script = "true"; wantedBy = [ "multi-user.target" ]; };
                  users.users.alice = { uid = 1000; home = "/home/alice"; openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAA a@b" ]; };
                };
                autostart = n != "c";
              });
            }
            """;

    static final String EXPR = """
            let
              lib = nixpkgs.lib;
              eval = lib.evalModules { modules = [ ./options.nix { x.list = lib.mkBefore [ 0 ]; x.name = "n-1.2"; } ]; };
            in {
              inherit (eval.config) x;
              m = builtins.match "([a-z]+)-([0-9.]+)" eval.config.x.name;
              v = lib.versionAtLeast "1.10" "1.9";
              j = builtins.fromJSON (builtins.toJSON { a = [ 1 2.5 "s" null true ]; });
              s = lib.concatMapStringsSep "," toString (builtins.sort builtins.lessThan [ 3 1 2 ]);
              r = builtins.split "([0-9])" "a1b2c";
            }
            """;

    static final String OPTIONS = """
            { lib, ... }: {
              options.x = {
                list = lib.mkOption { type = lib.types.listOf lib.types.int; default = [ 1 ]; };
                name = lib.mkOption { type = lib.types.strMatching "[a-z]+-[0-9.]+"; };
                sub = lib.mkOption {
                  type = lib.types.attrsOf (lib.types.submodule { options.port = lib.mkOption { type = lib.types.port; default = 80; }; });
                  default = { web = { }; };
                };
              };
            }
            """;

    @Test
    void evaluationSpinsNoPatternSwitchOrRecordMethodClasses() throws Exception {
        Files.writeString(tmp.resolve("host.nix"), HOST);
        Files.writeString(tmp.resolve("expr.nix"), EXPR);
        Files.writeString(tmp.resolve("options.nix"), OPTIONS);

        List<String> spun = new ArrayList<>();
        spun.addAll(spunClasses("host", "eval", "-c", tmp.resolve("host.nix").toString(), "--json"));
        spun.addAll(spunClasses("expr", "eval", "--json", "--strict", tmp.resolve("expr.nix").toString()));

        assertThat(spun)
                .as("classes spun at run time on the evaluation path; use instanceof chains and explicit"
                        + " comparisons there (see the class comment)")
                .isEmpty();
    }

    /** Runs microvm-host in a fresh JVM and returns the run-time-spun classes it loaded. */
    private List<String> spunClasses(String label, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve(label + "-classes.log");
        Path out = tmp.resolve(label + ".out");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xss16m", "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), MicrovmHostCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s did not finish", label).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", label, Files.readString(out)).isZero();
        // the evaluation really ran: its output is there
        assertThat(Files.readString(out)).as(label).contains(label.equals("host") ? "\"ro-store\"" : "\"n-1.2\"");
        List<String> spun = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("$$TypeSwitch") || line.contains("java.lang.runtime.ObjectMethods ")
                   ) {
                spun.add(label + ": " + line.replaceAll("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\]\\s*", ""));
            }
        }
        return spun;
    }
}
