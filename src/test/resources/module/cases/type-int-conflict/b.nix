{ count = 2; }
