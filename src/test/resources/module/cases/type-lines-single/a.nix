{ script = "echo a\n"; }
