{ level = 11; }
