{ items = [ { } { label = "given"; } ]; }
