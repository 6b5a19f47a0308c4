{
  networking.hostName = "web";
  users.users.both = { isNormalUser = true; isSystemUser = true; };
}
