{
  imports = [ ./a1x.nix ];
  l = [ "a1" ];
}
