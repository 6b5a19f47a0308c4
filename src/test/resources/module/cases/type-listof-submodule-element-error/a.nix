{ shares = [ { tag = "ok"; } { tag = 5; } ]; }
