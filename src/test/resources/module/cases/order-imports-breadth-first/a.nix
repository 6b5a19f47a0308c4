{
  imports = [ ./a1.nix ./a2.nix ];
  l = [ "a" ];
}
