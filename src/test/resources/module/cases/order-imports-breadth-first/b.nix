{
  imports = [ ./b1.nix ];
  l = [ "b" ];
}
