{ name = "db"; }
