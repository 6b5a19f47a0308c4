{
  imports = [ { key = "feature-x"; config.l = [ "x" ]; } ];
  l = [ "a" ];
}
