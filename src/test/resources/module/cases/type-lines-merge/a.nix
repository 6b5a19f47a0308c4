{ script = "echo a"; }
