{ low = 1; high = 10; }
