{ mem = 2; }
