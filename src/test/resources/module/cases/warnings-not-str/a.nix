{ warnings = [ 42 ]; }
