{ server.port = 8080; }
