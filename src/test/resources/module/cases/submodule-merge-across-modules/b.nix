{ server.aliases = [ "b" ]; }
