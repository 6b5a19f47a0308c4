{ n = 1; l = [ "common" ]; }
