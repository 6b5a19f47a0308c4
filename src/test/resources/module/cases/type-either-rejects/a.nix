{ v = true; }
