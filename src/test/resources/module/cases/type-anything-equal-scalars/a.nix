{ settings = { port = 80; tags = [ "x" ]; }; }
