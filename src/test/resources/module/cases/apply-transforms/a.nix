{ name = "web"; }
