{ mem.size = 1024; }
