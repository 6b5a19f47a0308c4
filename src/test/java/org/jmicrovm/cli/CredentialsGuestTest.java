package org.jmicrovm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jmicrovm.build.TestPackages;
import org.jmicrovm.state.StateDirectory;
import org.jmicrovm.state.VmName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code microvm.credentialFiles} on a real qemu guest: the host file reaches the guest through fw_cfg (its
 * path, not its content, is on qemu's command line) and a service reads it from
 * {@code $CREDENTIALS_DIRECTORY}, root-only on the guest's RAM-backed /run.
 */
@Tag("vm")
class CredentialsGuestTest {

    @TempDir
    Path tmp;

    StateDirectory state;

    @AfterEach
    void stopAll() throws IOException {
        CliRun.stopAll(state, Duration.ofSeconds(20));
    }

    @Test
    void aServiceReadsTheCredentialTheHostHandedOver() throws Exception {
        state = new StateDirectory(tmp.resolve("microvms"));
        Path secret = tmp.resolve("token");
        Files.writeString(secret, "s3cret-42\n");
        Path hostFile = tmp.resolve("host.nix");
        Files.writeString(hostFile, """
                { microvm, ... }: {
                  imports = [ microvm.host ];
                  microvm.vms.cred.config = {
                    microvm.mem = 256;
                    microvm.shares = [{ source = "/nix/store"; mountPoint = "/nix/.ro-store"; tag = "ro-store"; proto = "virtiofs"; }];
                    microvm.credentialFiles.api-token = "%s";
                    systemd.services.show = {
                      wantedBy = [ "multi-user.target" ];
                      script = ''
                        echo "CRED $(cat "$CREDENTIALS_DIRECTORY/api-token") $(stat -c '%%a %%U' "$CREDENTIALS_DIRECTORY/api-token")" > /dev/console
                        exec sleep 3600
                      '';
                    };
                  };
                }
                """.formatted(secret));
        CliRun.Result switched = CliRun.microvmHost("switch", "-c", hostFile.toString(), "--state-dir=" + state.root(),
                "--store=" + TestPackages.store().root());
        assertThat(switched.status()).as(switched.output()).isZero();

        var vm = state.vm(new VmName("cred"));
        Path log = vm.path().resolve("console.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !text.contains("CRED ")) {
            Thread.sleep(500);
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        }
        assertThat(text).contains("CRED s3cret-42 600 root").doesNotContain("did not reach the guest");
        String run = Files.readString(vm.currentTarget().orElseThrow().resolve("bin/microvm-run"));
        assertThat(run).contains("name=opt/io.systemd.credentials/api-token,file=" + secret).doesNotContain("s3cret");
    }
}
