{ pkgs, ... }:
{
  networking = {
    hostName = "web";
    interfaces.eth0 = {
      useDHCP = false;
      ipv4.addresses = [ { address = "10.0.0.2"; prefixLength = 24; } ];
    };
    defaultGateway = "10.0.0.1";
    nameservers = [ "10.0.0.1" "9.9.9.9" ];
  };
  environment.etc = {
    "motd".text = "welcome to web\n";
    "app/config.json" = { source = "/srv/app/config.json"; mode = "0640"; };
  };
  environment.systemPackages = [ pkgs.busybox pkgs.hello ];
  systemd.services.app = {
    description = "Example app";
    script = "exec /bin/app --port 8080";
    wantedBy = [ "multi-user.target" ];
    after = [ "network.target" ];
    environment = { PORT = "8080"; UNSET = null; };
    serviceConfig.Restart = "always";
  };
  users.users.alice = {
    uid = 1000;
    home = "/home/alice";
    openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@example" ];
  };
  boot.kernelParams = [ "quiet" ];
  time.timeZone = "Europe/Berlin";
  system.stateVersion = "24.11";
}
