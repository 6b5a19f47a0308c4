{ l = [ "middle" ]; }
