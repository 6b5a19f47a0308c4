package org.jmicrovm.module.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.model.InvalidSpecException;
import org.jmicrovm.model.Boot;
import org.jmicrovm.model.CloudHypervisorOptions;
import org.jmicrovm.model.CrosvmOptions;
import org.jmicrovm.model.Device;
import org.jmicrovm.model.FirecrackerOptions;
import org.jmicrovm.model.ForwardPort;
import org.jmicrovm.model.Graphics;
import org.jmicrovm.model.GuestOs;
import org.jmicrovm.model.GuestStore;
import org.jmicrovm.model.Hypervisor;
import org.jmicrovm.model.HypervisorOptions;
import org.jmicrovm.model.MicroVmSpec;
import org.jmicrovm.model.NetInterface;
import org.jmicrovm.model.Platform;
import org.jmicrovm.model.QemuOptions;
import org.jmicrovm.model.Resources;
import org.jmicrovm.model.Share;
import org.jmicrovm.model.VirtiofsdOptions;
import org.jmicrovm.model.Volume;
import org.jmicrovm.model.Vsock;
import org.jmicrovm.module.pkgs.PackageSet;

/**
 * Turns an evaluated guest configuration (the {@code config} of an evaluation against the guest
 * schema) into a {@link MicroVmSpec}: every {@code microvm.*} option and the guest OS options,
 * read as the module system resolved them, defaults included.
 */
final class GuestSpecReader {

    private final String name;
    private final Platform platform;
    private final Cfg root;

    /**
     * @param name     the VM's name
     * @param platform the guest's system (from its package set)
     * @param config   the guest's {@code config}
     */
    GuestSpecReader(String name, Platform platform, Cfg config) {
        this.name = name;
        this.platform = platform;
        this.root = config;
    }

    MicroVmSpec read() {
        Cfg m = root.sub("microvm");
        String hostName = root.sub("networking").str("hostName");
        List<NetInterface> interfaces = interfaces(m);
        return new MicroVmSpec(name, hostName, platform, Hypervisor.fromNixName(m.str("hypervisor")), resources(m),
                boot(m), store(m), m.optStr("socket"), m.optStr("user"), m.str("preStart"), m.optStr("extraArgsScript"),
                shares(m), volumes(m), interfaces, forwardPorts(m), devices(m), vsock(m), graphics(m),
                m.stringMap("credentialFiles"), m.optStr("machineId"), m.bool("registerWithMachined"),
                m.bool("prettyProcnames"), m.stringMap("binScripts"), m.sub("optimize").bool("enable"),
                virtiofsd(m), hypervisorOptions(m), guestOs(interfaces));
    }

    private static Resources resources(Cfg m) {
        return new Resources(m.integer("vcpu"), m.optStr("cpu"), m.integer("mem"), m.bool("hugepageMem"),
                m.integer("hotplugMem"), m.integer("hotpluggedMem"), m.bool("balloon"), m.integer("initialBalloonMem"),
                m.bool("deflateOnOOM"));
    }

    private static Boot boot(Cfg m) {
        Value kernel = m.value("kernel");
        String attr = PackageSet.attrPathOf(kernel);
        if (attr == null) {
            throw new InvalidSpecException(m.path() + ".kernel", "is not a package of jmicrovm's built-in package"
                    + " set; use pkgs.linux (the kernel flavour is chosen from the VM's features), pkgs.linux-generic"
                    + " or pkgs.linux-cloud");
        }
        return new Boot(attr, m.optPathText("initrdPath"), m.strings("kernelParams"));
    }

    private static GuestStore store(Cfg m) {
        boolean onDisk = m.bool("storeOnDisk");
        // without a store disk the type has no value (nothing sets it); the runner ignores it then
        GuestStore.StoreDiskType type = Cfg.ifDefined(() -> m.str("storeDiskType"))
                .map(GuestStore.StoreDiskType::fromNixName).orElse(GuestStore.StoreDiskType.EROFS);
        return new GuestStore(onDisk, type, m.strings("storeDiskErofsFlags"), m.strings("storeDiskSquashfsFlags"),
                m.optStr("writableStoreOverlay"), m.bool("systemSymlink"));
    }

    private static List<Share> shares(Cfg m) {
        List<Share> out = new ArrayList<>();
        for (Cfg s : m.list("shares")) {
            out.add(s.make(() -> new Share(s.str("tag"), s.str("source"), s.pathText("mountPoint"),
                    Share.Proto.fromNixName(s.str("proto")), s.optStr("socket"),
                    Share.SecurityModel.fromNixName(s.str("securityModel")), s.bool("readOnly"),
                    Share.Cache.fromNixName(s.str("cache")), s.bool("posixAcl"), s.strings("extraArgs"))));
        }
        return out;
    }

    private static List<Volume> volumes(Cfg m) {
        List<Volume> out = new ArrayList<>();
        for (Cfg v : m.list("volumes")) {
            OptionalInt size = Cfg.ifDefined(() -> v.integer("size")).map(OptionalInt::of).orElse(OptionalInt.empty());
            out.add(v.make(() -> new Volume(v.str("image"), v.optPathText("mountPoint"), size, v.bool("autoCreate"),
                    v.str("fsType"), v.optStr("label"), v.strings("mkfsExtraArgs"), v.optStr("serial"), v.bool("direct"),
                    v.bool("readOnly"), Volume.ImageType.fromNixName(v.str("imageType")))));
        }
        return out;
    }

    private static List<NetInterface> interfaces(Cfg m) {
        List<NetInterface> out = new ArrayList<>();
        for (Cfg i : m.list("interfaces")) {
            NetInterface.Type type = NetInterface.Type.fromNixName(i.str("type"));
            Optional<NetInterface.Macvtap> macvtap = type != NetInterface.Type.MACVTAP ? Optional.empty()
                    : Optional.of(i.make(() -> new NetInterface.Macvtap(i.sub("macvtap").str("link"),
                            NetInterface.MacvtapMode.fromNixName(i.sub("macvtap").str("mode")))));
            out.add(i.make(() -> new NetInterface(type, i.str("id"), i.str("mac"), i.optStr("bridge"), macvtap,
                    i.sub("tap").bool("vhost"))));
        }
        return out;
    }

    private static List<ForwardPort> forwardPorts(Cfg m) {
        List<ForwardPort> out = new ArrayList<>();
        for (Cfg f : m.list("forwardPorts")) {
            Cfg host = f.sub("host");
            Cfg guest = f.sub("guest");
            out.add(f.make(() -> new ForwardPort(ForwardPort.From.fromNixName(f.str("from")),
                    ForwardPort.Proto.fromNixName(f.str("proto")),
                    host.str("address"), host.integer("port"), guest.str("address"), guest.integer("port"))));
        }
        return out;
    }

    private static List<Device> devices(Cfg m) {
        List<Device> out = new ArrayList<>();
        for (Cfg d : m.list("devices")) {
            Cfg q = d.sub("qemu");
            out.add(d.make(() -> new Device(Device.Bus.fromNixName(d.str("bus")), d.str("path"), q.optStr("id"),
                    q.optStr("bus"), q.optStr("deviceExtraArgs"))));
        }
        return out;
    }

    private static Vsock vsock(Cfg m) {
        Cfg v = m.sub("vsock");
        return new Vsock(v.optInt("cid"), v.sub("ssh").bool("enable"));
    }

    private static Graphics graphics(Cfg m) {
        Cfg g = m.sub("graphics");
        return new Graphics(g.bool("enable"), Graphics.Backend.fromNixName(g.str("backend")), g.str("socket"),
                g.optStr("vulkan").map(Graphics.Vulkan::fromNixName), g.str("hostmem"));
    }

    private static VirtiofsdOptions virtiofsd(Cfg m) {
        Cfg v = m.sub("virtiofsd");
        Value threads = v.value("threadPoolSize");
        String threadPoolSize = threads instanceof org.jmicrovm.lang.eval.NixInt i ? Long.toString(i.value())
                : v.str("threadPoolSize");
        return new VirtiofsdOptions(v.optStr("inodeFileHandles"), threadPoolSize, v.optStr("group"), v.strings("extraArgs"));
    }

    private HypervisorOptions hypervisorOptions(Cfg m) {
        Cfg q = m.sub("qemu");
        Optional<Map<String, String>> machineOpts = q.value("machineOpts") instanceof org.jmicrovm.lang.eval.NixNull
                ? Optional.empty() : Optional.of(q.stringMap("machineOpts"));
        List<QemuOptions.PcieRootPort> ports = new ArrayList<>();
        for (Cfg p : q.list("pcieRootPorts")) {
            ports.add(new QemuOptions.PcieRootPort(p.str("id"), required(p, "bus"), requiredInt(p, "chassis"),
                    Integer.parseInt(required(p, "slot")), required(p, "addr")));
        }
        QemuOptions qemu = new QemuOptions(q.str("machine"), machineOpts, q.strings("extraArgs"), q.bool("serialConsole"),
                q.bool("consoleSocket"), ports);
        Cfg ch = m.sub("cloud-hypervisor");
        CloudHypervisorOptions cloudHypervisor = new CloudHypervisorOptions(ch.strings("platformOEMStrings"), ch.strings("extraArgs"));
        Cfg cv = m.sub("crosvm");
        CrosvmOptions crosvm = new CrosvmOptions(cv.strings("extraArgs"), cv.optStr("pivotRoot"));
        Cfg fc = m.sub("firecracker");
        Object cpu = fc.json("cpu");
        FirecrackerOptions firecracker = new FirecrackerOptions(
                cpu == null ? Optional.empty() : Optional.of(asMap(cpu, fc.path() + ".cpu")),
                FirecrackerOptions.DriveIoEngine.fromNixName(fc.str("driveIoEngine")), fc.strings("extraArgs"),
                asMap(fc.json("extraConfig"), fc.path() + ".extraConfig"));
        return new HypervisorOptions(qemu, cloudHypervisor, crosvm, firecracker);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json, String where) {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new InvalidSpecException(where, "must be an attribute set");
    }

    private static String required(Cfg c, String name) {
        return c.optStr(name).orElseThrow(() -> new InvalidSpecException(c.path() + "." + name,
                "must be set: jmicrovm creates PCIe root ports with explicit bus, chassis, slot and addr"));
    }

    private static int requiredInt(Cfg c, String name) {
        OptionalInt v = c.optInt(name);
        if (v.isEmpty()) {
            throw new InvalidSpecException(c.path() + "." + name,
                    "must be set: jmicrovm creates PCIe root ports with explicit bus, chassis, slot and addr");
        }
        return v.getAsInt();
    }

    // ----- the guest operating system ------------------------------------------------

    private GuestOs guestOs(List<NetInterface> nics) {
        Cfg env = root.sub("environment");
        Map<String, GuestOs.EtcFile> etc = new LinkedHashMap<>();
        for (Map.Entry<String, Cfg> e : env.entries("etc").entrySet()) {
            Cfg f = e.getValue();
            if (!f.bool("enable")) {
                continue;
            }
            etc.put(f.str("target"), f.make(() -> new GuestOs.EtcFile(f.optStr("text"), f.optPathText("source"), f.str("mode"))));
        }
        List<String> packages = packageNames(env.value("systemPackages"), "environment.systemPackages");
        List<GuestOs.User> users = new ArrayList<>();
        for (Map.Entry<String, Cfg> e : root.sub("users").entries("users").entrySet()) {
            Cfg u = e.getValue();
            users.add(u.make(() -> new GuestOs.User(u.str("name"), boxed(u.optInt("uid")), u.str("group"),
                    u.strings("extraGroups"), u.bool("isNormalUser"), u.pathText("home"), u.pathText("shell"),
                    u.optStr("hashedPassword"), u.sub("openssh").sub("authorizedKeys").strings("keys"))));
        }
        Map<String, GuestOs.Service> services = new LinkedHashMap<>();
        for (Map.Entry<String, Cfg> e : root.sub("systemd").entries("services").entrySet()) {
            Cfg s = e.getValue();
            if (!s.bool("enable")) {
                continue;
            }
            String at = "systemd.services." + e.getKey();
            Cfg unit = s.sub("serviceConfig");
            Optional<String> execStart = unit.optStr("ExecStart");
            String script = s.str("script");
            if (script.isBlank() && execStart.isEmpty()) {
                throw new InvalidSpecException(at + ".script",
                        "is empty: a guest service runs its script, or serviceConfig.ExecStart");
            }
            if (!script.isBlank() && execStart.isPresent()) {
                throw new InvalidSpecException(at + ".serviceConfig.ExecStart",
                        "is set as well as script: the service runs one of them");
            }
            String main = execStart.map(command -> "exec " + command + "\n").orElse(script);
            String preStart = s.str("preStart");
            // a shell of its own with -e, as NixOS runs it: a failing command stops the start with its status (a
            // subshell would not do: -e is ignored on the left of ||)
            String run = preStart.isBlank() ? main
                    : "sh -e -c '" + preStart.strip().replace("'", "'\\''") + "' || exit $?\n" + main;
            int restartSec = restartSeconds(unit, at + ".serviceConfig.RestartSec");
            List<String> path = packageNames(s.value("path"), at + ".path");
            services.put(e.getKey(), s.make(() -> new GuestOs.Service(s.str("description"), run,
                    GuestOs.ServiceType.fromNixName(unit.str("Type")), GuestOs.Restart.fromNixName(unit.str("Restart")),
                    restartSec, unit.optStr("User"), s.stringMap("environment"), path, s.strings("after"),
                    s.strings("wantedBy"), new GuestOs.Service.Directories(unit.optStr("WorkingDirectory"),
                            directoryNames(unit, "StateDirectory"), directoryNames(unit, "RuntimeDirectory")))));
        }
        return new GuestOs(etc, users, network(nics), services, packages, List.of(), root.sub("time").optStr("timeZone"));
    }

    /** {@code StateDirectory}/{@code RuntimeDirectory}: a list, or systemd's names separated by spaces. */
    private static List<String> directoryNames(Cfg unit, String setting) {
        if (unit.value(setting) instanceof org.jmicrovm.lang.eval.NixString) {
            String text = unit.str(setting).strip();
            return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        }
        return unit.strings(setting);
    }

    /** {@code RestartSec}: a number of seconds, or systemd's {@code "5s"}. */
    private static int restartSeconds(Cfg unit, String option) {
        if (unit.value("RestartSec") instanceof org.jmicrovm.lang.eval.NixInt) {
            return unit.integer("RestartSec");
        }
        String text = unit.str("RestartSec");
        try {
            return Integer.parseInt(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(option, "\"" + text + "\" is more seconds than jmicrovm can wait");
        }
    }

    /** The attribute names of a list of packages of the built-in package set. */
    private static List<String> packageNames(Value list, String option) {
        List<String> names = new ArrayList<>();
        org.jmicrovm.lang.eval.NixList packages = (org.jmicrovm.lang.eval.NixList) list.force();
        for (int i = 0; i < packages.size(); i++) {
            String attr = PackageSet.attrPathOf(packages.get(i).force());
            if (attr == null) {
                throw new InvalidSpecException(option + ".[" + i + "]",
                        "is not a package of jmicrovm's built-in package set (pkgs.<name>, from Debian's archive)");
            }
            names.add(attr);
        }
        return names;
    }

    private static Optional<Integer> boxed(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    /**
     * Guest interfaces are named as the guest kernel names the cards, {@code eth0}, {@code eth1}, … in the
     * order of {@code microvm.interfaces}, or by the {@code id} of their {@code microvm.interfaces} entry;
     * the model identifies them by MAC address.
     */
    private GuestOs.Network network(List<NetInterface> nics) {
        Cfg net = root.sub("networking");
        List<GuestOs.GuestInterface> interfaces = new ArrayList<>();
        for (Map.Entry<String, Cfg> e : net.entries("interfaces").entrySet()) {
            Cfg i = e.getValue();
            String mac = macOf(i.str("name"), nics);
            List<GuestOs.IpAddress> addresses = new ArrayList<>();
            for (Cfg a : i.sub("ipv4").list("addresses")) {
                addresses.add(a.make(() -> new GuestOs.IpAddress(a.str("address"), a.integer("prefixLength"))));
            }
            boolean dhcp = i.value("useDHCP") instanceof org.jmicrovm.lang.eval.NixBool b && b.value();
            interfaces.add(i.make(() -> new GuestOs.GuestInterface(mac, addresses, dhcp)));
        }
        Optional<String> gateway = net.value("defaultGateway") instanceof org.jmicrovm.lang.eval.NixNull
                ? Optional.empty() : Optional.of(net.sub("defaultGateway").str("address"));
        return new GuestOs.Network(interfaces, gateway, net.strings("nameservers"), List.of());
    }

    private String macOf(String ifName, List<NetInterface> nics) {
        for (NetInterface n : nics) {
            if (n.id().equals(ifName)) {
                return n.mac();
            }
        }
        if (ifName.matches("eth\\d+")) {
            int index = Integer.parseInt(ifName.substring(3));
            if (index < nics.size()) {
                return nics.get(index).mac();
            }
        }
        throw new InvalidSpecException("networking.interfaces." + ifName, "VM " + name + " has no such network card;"
                + " name guest interfaces eth0, eth1, … in the order of microvm.interfaces (" + nics.size()
                + " declared), or by the id of a microvm.interfaces entry");
    }

}
