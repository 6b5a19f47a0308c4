{
  _file = "a-module";
  key = "a-key";
  imports = [ ./b.nix ];
  disabledModules = [ ];
  a = 1;
}
