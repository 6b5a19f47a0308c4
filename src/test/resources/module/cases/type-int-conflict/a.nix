{ count = 1; }
