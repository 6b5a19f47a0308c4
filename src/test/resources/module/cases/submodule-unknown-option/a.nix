{ server.prot = 8080; }
