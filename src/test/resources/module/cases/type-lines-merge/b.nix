{ script = "echo b"; }
