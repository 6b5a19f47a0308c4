{ count = 1.5; }
