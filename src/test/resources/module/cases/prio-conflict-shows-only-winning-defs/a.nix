{ mem = 1; }
