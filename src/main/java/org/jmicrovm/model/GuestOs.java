package org.jmicrovm.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guest operating system options jmicrovm's guest system honours (the NixOS options a MicroVM
 * configuration typically sets). The host name lives in {@link MicroVmSpec#hostName()}, the machine id in
 * {@link MicroVmSpec#machineId()}, shares and volumes in the spec: the guest system mounts those too.
 *
 * @param etc            {@code environment.etc}, keyed by target path below {@code /etc}
 * @param users          {@code users.users}
 * @param network        {@code networking.*} and per-interface addressing
 * @param services       {@code systemd.services}, keyed by unit name (without {@code .service})
 * @param packages       {@code environment.systemPackages}, as attribute names of the built-in package set
 * @param kernelModules  {@code boot.kernelModules}: extra modules the guest loads at boot
 * @param timeZone       {@code time.timeZone}
 */
public record GuestOs(Map<String, EtcFile> etc, List<User> users, Network network, Map<String, Service> services,
                      List<String> packages, List<String> kernelModules, Optional<String> timeZone) {

    public GuestOs {
        etc = Require.map(etc, "environment.etc");
        users = Require.list(users, "users.users");
        Require.present(network, "networking");
        services = Require.map(services, "systemd.services");
        packages = Require.list(packages, "environment.systemPackages");
        kernelModules = Require.list(kernelModules, "boot.kernelModules");
        Require.optionalText(timeZone, "time.timeZone");
    }

    /** A guest with nothing beyond the MicroVM itself. */
    public static GuestOs minimal() {
        return new GuestOs(Map.of(), List.of(), Network.none(), Map.of(), List.of(), List.of(), Optional.empty());
    }

    public GuestOs withServices(Map<String, Service> s) {
        return new GuestOs(etc, users, network, s, packages, kernelModules, timeZone);
    }

    /** {@code environment.systemPackages}: attribute names of the package set. */
    public GuestOs withPackages(List<String> p) {
        return new GuestOs(etc, users, network, services, p, kernelModules, timeZone);
    }

    public GuestOs withNetwork(Network n) {
        return new GuestOs(etc, users, n, services, packages, kernelModules, timeZone);
    }

    public GuestOs withUsers(List<User> u) {
        return new GuestOs(etc, u, network, services, packages, kernelModules, timeZone);
    }

    public GuestOs withEtc(Map<String, EtcFile> e) {
        return new GuestOs(e, users, network, services, packages, kernelModules, timeZone);
    }

    /**
     * One {@code environment.etc.<target>} entry: either literal text or a source file.
     *
     * @param text   {@code .text}
     * @param source {@code .source}, an absolute path
     * @param mode   {@code .mode}: {@code symlink} or an octal mode such as {@code 0644}
     */
    public record EtcFile(Optional<String> text, Optional<String> source, String mode) {
        public EtcFile {
            Require.optional(text, "environment.etc.*.text");
            Require.optionalText(source, "environment.etc.*.source");
            Require.text(mode, "environment.etc.*.mode");
            if (text.isPresent() == source.isPresent()) {
                throw new InvalidSpecException("environment.etc.*", "set exactly one of text and source");
            }
            if (!mode.equals("symlink") && !mode.matches("0?[0-7]{3,4}")) {
                throw new InvalidSpecException("environment.etc.*.mode",
                    "\"" + mode + "\" is neither \"symlink\" nor an octal mode like \"0644\"");
            }
        }

        public static EtcFile text(String text) {
            return new EtcFile(Optional.of(text), Optional.empty(), "0644");
        }
    }

    /**
     * One {@code users.users.<name>}.
     *
     * @param name           login name
     * @param uid            numeric id (empty: allocated by the guest system)
     * @param group          primary group
     * @param extraGroups    supplementary groups
     * @param isNormalUser   a person (home under /home, uid ≥ 1000) rather than a system user
     * @param home           home directory
     * @param shell          login shell path
     * @param hashedPassword crypt(3) hash, empty = no password login
     * @param authorizedKeys {@code openssh.authorizedKeys.keys}
     */
    public record User(String name, Optional<Integer> uid, String group, List<String> extraGroups,
                       boolean isNormalUser, String home, String shell, Optional<String> hashedPassword,
                       List<String> authorizedKeys) {
        public User {
            Require.text(name, "users.users.<name>.name");
            Require.optional(uid, "users.users." + name + ".uid").ifPresent(u -> Require.unsigned(u, "users.users." + name + ".uid"));
            Require.text(group, "users.users." + name + ".group");
            extraGroups = Require.list(extraGroups, "users.users." + name + ".extraGroups");
            Require.text(home, "users.users." + name + ".home");
            Require.text(shell, "users.users." + name + ".shell");
            Require.optional(hashedPassword, "users.users." + name + ".hashedPassword");
            authorizedKeys = Require.list(authorizedKeys, "users.users." + name + ".openssh.authorizedKeys.keys");
        }
    }

    /**
     * Guest networking.
     *
     * @param interfaces      addressing per guest interface
     * @param defaultGateway  {@code networking.defaultGateway}
     * @param nameservers     {@code networking.nameservers}
     * @param firewallTcpPorts {@code networking.firewall.allowedTCPPorts} (informational: the guest has no firewall)
     */
    public record Network(List<GuestInterface> interfaces, Optional<String> defaultGateway, List<String> nameservers,
                          List<Integer> firewallTcpPorts) {
        public Network {
            interfaces = Require.list(interfaces, "networking.interfaces");
            Require.optionalText(defaultGateway, "networking.defaultGateway");
            nameservers = Require.list(nameservers, "networking.nameservers");
            firewallTcpPorts = Require.list(firewallTcpPorts, "networking.firewall.allowedTCPPorts");
        }

        public static Network none() {
            return new Network(List.of(), Optional.empty(), List.of(), List.of());
        }
    }

    /**
     * Addressing of one guest network card, matched by its MAC address (the one in {@code microvm.interfaces})
     * because guest interface names depend on the bus.
     *
     * @param mac       MAC of the card
     * @param addresses static addresses, e.g. {@code 10.0.0.2/24}
     * @param dhcp      ask DHCP for an address (user networking answers)
     */
    public record GuestInterface(String mac, List<IpAddress> addresses, boolean dhcp) {
        public GuestInterface {
            Require.text(mac, "networking.interfaces.*.macAddress");
            addresses = Require.list(addresses, "networking.interfaces.*.ipv4.addresses");
        }
    }

    /** An address with its prefix length; IPv4 or IPv6. */
    public record IpAddress(String address, int prefixLength) {
        public IpAddress {
            Require.text(address, "networking.interfaces.*.ipv4.addresses.*.address");
            int max = address.contains(":") ? 128 : 32;
            if (prefixLength < 0 || prefixLength > max) {
                throw new InvalidSpecException("networking.interfaces.*.ipv4.addresses.*.prefixLength",
                    "must be 0.." + max + " for " + address + ", got " + prefixLength);
            }
        }

        @Override
        public String toString() {
            return address + "/" + prefixLength;
        }
    }

    /**
     * One {@code systemd.services.<name>}, run by the guest's own supervisor.
     *
     * @param description  {@code description}
     * @param script       {@code script} (shell), or the {@code serviceConfig.ExecStart} command line
     * @param type         {@code serviceConfig.Type}
     * @param restart      {@code serviceConfig.Restart}
     * @param restartSec   {@code serviceConfig.RestartSec}, in seconds
     * @param user         {@code serviceConfig.User}
     * @param environment  {@code environment}
     * @param path         {@code path}: package attribute names put on PATH
     * @param after        {@code after}: services started first
     * @param wantedBy     {@code wantedBy}: empty means the service is declared but not started
     * @param directories  {@code serviceConfig.{WorkingDirectory,StateDirectory,RuntimeDirectory}}
     */
    public record Service(String description, String script, ServiceType type, Restart restart, int restartSec,
                          Optional<String> user, Map<String, String> environment, List<String> path,
                          List<String> after, List<String> wantedBy, Directories directories) {

        /** A service without directories of its own, started in {@code /}. */
        public Service(String description, String script, ServiceType type, Restart restart, int restartSec,
                       Optional<String> user, Map<String, String> environment, List<String> path,
                       List<String> after, List<String> wantedBy) {
            this(description, script, type, restart, restartSec, user, environment, path, after, wantedBy,
                    Directories.NONE);
        }

        public Service {
            Require.present(directories, "systemd.services.*.serviceConfig.StateDirectory");
            Require.present(description, "systemd.services.*.description");
            Require.text(script, "systemd.services.*.script");
            Require.present(type, "systemd.services.*.serviceConfig.Type");
            Require.present(restart, "systemd.services.*.serviceConfig.Restart");
            Require.unsigned(restartSec, "systemd.services.*.serviceConfig.RestartSec");
            Require.optionalText(user, "systemd.services.*.serviceConfig.User");
            environment = Require.map(environment, "systemd.services.*.environment");
            path = Require.list(path, "systemd.services.*.path");
            after = Require.list(after, "systemd.services.*.after");
            wantedBy = Require.list(wantedBy, "systemd.services.*.wantedBy");
        }

        /**
         * What systemd makes for a service before it starts, owned by its user.
         *
         * @param working {@code WorkingDirectory}: where the service starts ({@code /} when empty)
         * @param state   {@code StateDirectory}: names below {@code /var/lib}, kept across restarts
         * @param runtime {@code RuntimeDirectory}: names below {@code /run}
         */
        public record Directories(Optional<String> working, List<String> state, List<String> runtime) {
            public static final Directories NONE = new Directories(Optional.empty(), List.of(), List.of());

            public Directories {
                working.ifPresent(w -> {
                    if (!w.startsWith("/")) {
                        throw new InvalidSpecException("systemd.services.*.serviceConfig.WorkingDirectory",
                                "'" + w + "' is not an absolute path");
                    }
                });
                state = names(state, "StateDirectory");
                runtime = names(runtime, "RuntimeDirectory");
            }

            private static List<String> names(List<String> names, String setting) {
                for (String n : Require.list(names, "systemd.services.*.serviceConfig." + setting)) {
                    if (n.isEmpty() || n.startsWith("/") || List.of(n.split("/")).contains("..")
                            || !n.matches("[A-Za-z0-9._/+@-]+")) {
                        throw new InvalidSpecException("systemd.services.*.serviceConfig." + setting, "'" + n
                                + "' is not a relative directory name (letters, digits and . _ / + @ -, no ..)");
                    }
                }
                return List.copyOf(names);
            }
        }

        /** A long-running shell script started at boot and restarted when it exits. */
        public static Service simple(String script) {
            return new Service("", script, ServiceType.SIMPLE, Restart.ALWAYS, 1, Optional.empty(), Map.of(),
                List.of(), List.of(), List.of("multi-user.target"));
        }
    }

    public enum ServiceType {
        SIMPLE("simple"), ONESHOT("oneshot"), EXEC("exec"), FORKING("forking"), NOTIFY("notify");

        private final String nixName;

        ServiceType(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static ServiceType fromNixName(String s) {
            return Enums.byNixName(values(), ServiceType::nixName, s, "serviceConfig.Type");
        }

        @Override public String toString() { return nixName; }
    }

    public enum Restart {
        NO("no"), ON_FAILURE("on-failure"), ON_ABNORMAL("on-abnormal"), ON_SUCCESS("on-success"), ALWAYS("always");

        private final String nixName;

        Restart(String nixName) { this.nixName = nixName; }

        public String nixName() { return nixName; }

        public static Restart fromNixName(String s) { return Enums.byNixName(values(), Restart::nixName, s, "serviceConfig.Restart"); }

        @Override public String toString() { return nixName; }
    }
}
