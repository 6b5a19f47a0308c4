{ v = [ "two" "three" ]; }
