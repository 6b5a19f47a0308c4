{ guest = { mem = 1024; tags = [ "a" ]; }; }
