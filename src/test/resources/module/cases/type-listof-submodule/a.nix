{ shares = [ { tag = "ro-store"; proto = "virtiofs"; } { tag = "data"; } ]; }
