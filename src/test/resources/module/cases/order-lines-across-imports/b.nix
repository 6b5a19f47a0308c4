{ script = "b"; }
