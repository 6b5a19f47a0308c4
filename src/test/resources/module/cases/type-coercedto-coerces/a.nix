{ a = 42; b = "already"; }
