{ imports = [ { n = 1; } ]; }
