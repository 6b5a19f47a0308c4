{ mem = "lots"; }
