# A host whose MicroVMs share a bridge instead of each using qemu's user-mode network: what a NixOS host
# declares with systemd-networkd, a DHCP server and a firewall, here in `microvm.host.bridges`.
# `microvm-host switch -c examples/bridged-host.nix` (as root) makes the bridge `microvm` with the
# address 10.0.0.1/24, runs a DHCP and DNS server on it, lets the VMs reach other networks through the
# host (NAT), and forwards the host's port 8080 to the web server of `web`. It changes the host's
# network: run it on a machine where that is wanted (`microvm-host plan -c …` shows what it would do).
{ microvm, ... }:
let
  # Both VMs: a tap interface whose id matches the bridge's pattern, and DHCP (the default of an
  # interface without addresses). The guest asks with its host name, which is the VM's name.
  onTheBridge = mac: { config, ... }: {
    microvm.mem = 256;
    microvm.interfaces = [{ type = "tap"; id = "vm-${config.networking.hostName}"; inherit mac; }];
  };
in
{
  imports = [ microvm.host ];

  microvm.host.bridges.microvm = {
    interfaces = [ "vm-*" ];
    addresses = [ "10.0.0.1/24" ];
    nat = true;
    dhcp = {
      enable = true;
      # the web server always gets this address; other VMs get one from 10.0.0.2-10.0.0.254
      hosts.web = "10.0.0.10";
    };
    # other machines (and the host itself) reach web's port 80 on the host's port 8080
    forwardPorts = [{ host.port = 8080; guest.address = "web"; guest.port = 80; }];
  };

  microvm.vms.web.config = {
    imports = [ (onTheBridge "02:00:00:00:10:10") ];
    systemd.services.web = {
      wantedBy = [ "multi-user.target" ];
      serviceConfig.Restart = "always";
      script = ''
        mkdir -p /run/www && echo "Hello from web, 10.0.0.10 on the bridge" > /run/www/index.html
        exec httpd -f -p 80 -h /run/www
      '';
    };
  };

  microvm.vms.client.config = {
    imports = [ (onTheBridge "02:00:00:00:10:11") ];
    # the bridge's DNS resolves the other VMs by name
    systemd.services.ask-web = {
      wantedBy = [ "multi-user.target" ];
      script = ''
        for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://web/ > /dev/console && break; sleep 2; done
      '';
    };
  };
}
