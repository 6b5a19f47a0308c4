{ proto = "9p"; }
