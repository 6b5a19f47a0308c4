package org.jmicrovm.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.Volume;

/**
 * The VM {@code hello} of {@code examples/host.nix}, as the module system will evaluate it: the host
 * store over virtiofs, a 64 MiB volume, a user-mode interface forwarding a host port to the guest's
 * port 80, and a web server serving a page kept on the volume. Written out in Java so the demo runs
 * before host configurations are evaluated; the only difference allowed is the host port, which the
 * demo may move when 8080 is taken.
 */
public final class DemoVm {
    public static final String NAME = "hello";
    public static final int DEFAULT_HOST_PORT = 8080;

    /** The service script, as the example's {@code systemd.services.hello-web.script} evaluates. */
    static final String WEB_SCRIPT = """
            mkdir -p /var/lib/data/www
            echo started >> /var/lib/data/starts
            starts=$(wc -l < /var/lib/data/starts)
            echo "Hello from hello, a jmicrovm MicroVM (web server start $starts on this volume)" \\
              > /var/lib/data/www/index.html
            exec httpd -f -p 80 -h /var/lib/data/www
            """;

    private DemoVm() {}

    public static MicroVmSpec spec(int hostPort) {
        GuestOs.Service web = new GuestOs.Service("Answers HTTP on port 80", WEB_SCRIPT, GuestOs.ServiceType.SIMPLE,
                GuestOs.Restart.ALWAYS, 1, Optional.empty(), Map.of(), List.of(), List.of(),
                List.of("multi-user.target"));
        return MicroVmSpec.builder(NAME).mem(256)
                .share(Share.of(Share.Proto.VIRTIOFS, "ro-store", "/nix/store", "/nix/.ro-store",
                        Optional.of(NAME + "-virtiofs-ro-store.sock")))
                .volume(Volume.of("data.img", "/var/lib/data", 64))
                .iface(NetInterface.user("usernet", "02:00:00:00:00:01"))
                .forwardPort(new ForwardPort(ForwardPort.From.HOST, ForwardPort.Proto.TCP, "127.0.0.1", hostPort, "", 80))
                .guestOs(GuestOs.minimal().withServices(Map.of("hello-web", web)))
                .build();
    }
}
