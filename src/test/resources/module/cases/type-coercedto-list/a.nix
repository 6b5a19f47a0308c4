{ v = "one"; }
