{ lib, ... }: {
  networking.hostName = "web";
  users.users.alice = {
    isNormalUser = true;
    extraGroups = [ "wheel" "audio" ];
    hashedPassword = "$y$j9T$abc$def";
    openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAA alice@example" ];
  };
  users.users.bob = { isNormalUser = true; home = "/srv/bob"; shell = "/bin/bash"; uid = 1500; };
  users.users.svc = { isSystemUser = true; group = "svc"; };
  imports = [ { users.users.alice.extraGroups = lib.mkAfter [ "video" ]; } ];
}
