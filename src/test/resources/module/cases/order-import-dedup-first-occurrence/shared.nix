{ l = [ "shared" ]; }
