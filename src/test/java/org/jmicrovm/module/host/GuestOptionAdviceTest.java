package org.jmicrovm.module.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import org.jmicrovm.lang.NixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NixOS habits in a guest's configuration get advice on what jmicrovm has instead. */
class GuestOptionAdviceTest {

    @RegisterExtension
    static final WebGuestHosts hosts = new WebGuestHosts();

    NixException error(String guest) {
        return catchThrowableOfType(NixException.class, () -> hosts.evaluate(guest).model());
    }

    @Test
    void aNixosServiceModuleIsAnsweredWithPackagesAndAServiceOfOnesOwn() throws IOException {
        NixException e = error("services.nginx.enable = true;");
        assertThat(e.getMessage()).contains("The option `microvm.vms.web.config.services.nginx' does not exist");
        assertThat(e.hint()).contains("no service modules besides services.openssh",
                "environment.systemPackages = [ pkgs.<name> ];", "systemd.services.nginx.serviceConfig.ExecStart");
        assertThat(e.render()).contains(e.hint());
    }

    @Test
    void firewallMountsAndBootLoaderGetTheirOwnAdvice() throws IOException {
        assertThat(error("networking.firewall.allowedTCPPorts = [ 80 ];").hint()).startsWith("jmicrovm guests run no firewall");
        assertThat(error("fileSystems.\"/data\".device = \"/dev/vdb\";").hint()).contains("microvm.volumes");
        assertThat(error("boot.loader.grub.enable = false;").hint()).contains("without a boot loader");
        assertThat(error("users.groups.web = { };").hint()).contains("docs/options.md");
    }

    @Test
    void aTypoOfAMicrovmOptionKeepsOnlyTheModuleSystemsSuggestion() throws IOException {
        NixException e = error("microvm.memory = 512;");
        assertThat(e.getMessage()).contains("Did you mean `microvm.vms.web.config.microvm.mem'?");
        assertThat(e.hint()).isNull();
    }

    @Test
    void aGuestEvaluatedOnItsOwnGetsTheSameAdvice() {
        // a flake deployment's guest: nixosConfigurations.NAME, option paths without the host's prefix
        var guest = hosts.system().nix().evalString("nixpkgs.lib.nixosSystem { system = \"x86_64-linux\";"
                + " modules = [ microvm.nixosModules.microvm { services.nginx.enable = true; } ]; }", hosts.dir());
        NixException e = catchThrowableOfType(NixException.class, () -> GuestConfigurations.spec(hosts.system(), "web", guest));
        assertThat(e.getMessage()).contains("The option `services.nginx' does not exist");
        assertThat(e.hint()).contains("systemd.services.nginx.serviceConfig.ExecStart");
    }

    @Test
    void adviceIsByTheOptionsFirstWords() {
        assertThat(GuestOptionAdvice.forOption("programs.git.enable")).contains("no `programs' modules");
        assertThat(GuestOptionAdvice.forOption("nix.settings")).contains("no Nix daemon");
        assertThat(GuestOptionAdvice.forOption("services.postgresql")).contains("systemd.services.postgresql.serviceConfig.ExecStart");
    }
}
