{ name = 5; }
