{ lib, ... }:
{
  networking.hostName = "server";
  networking.firewall.allowedTCPPorts = [ 22 ];
  services.openssh.enable = true;
  boot.loader.systemd-boot.enable = lib.mkDefault true;
  users.users.admin = { isNormalUser = true; extraGroups = [ "wheel" ]; };
  system.stateVersion = "24.05";
  microvm.vms.web.config = { };
}
