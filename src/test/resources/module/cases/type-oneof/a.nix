{ a = true; b = 2; c = "three"; }
