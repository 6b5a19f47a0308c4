let
  inline = { l = [ "inline" ]; };
in
{ imports = [ inline inline ]; }
