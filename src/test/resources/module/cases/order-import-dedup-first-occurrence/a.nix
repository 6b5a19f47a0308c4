{
  imports = [ ./shared.nix ];
  l = [ "a" ];
}
