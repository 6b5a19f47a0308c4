{ script = "a1"; }
