{ server = { host = "example.org"; aliases = [ "a" ]; }; }
