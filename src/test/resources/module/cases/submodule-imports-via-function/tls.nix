{ tls = true; port = 443; }
