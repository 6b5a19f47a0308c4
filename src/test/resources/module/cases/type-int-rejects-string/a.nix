{ count = "3"; }
