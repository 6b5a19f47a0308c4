{ imports = [ { _file = "named-inline"; n = 2; } ]; }
