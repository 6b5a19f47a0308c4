let
  shared = { key = "shared-module"; config.l = [ "shared" ]; };
in
{
  imports = [ shared shared { key = "shared-module"; config.l = [ "same key, other text" ]; } ];
}
