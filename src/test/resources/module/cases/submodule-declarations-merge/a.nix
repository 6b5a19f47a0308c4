{ server.tls = true; }
