{
  imports = [ ./a1.nix ];
  script = "a";
}
