{ settings.port = 8080; }
