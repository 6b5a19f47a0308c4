{ items = [ 3 ]; }
