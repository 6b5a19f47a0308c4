{ settings.hosts = [ "a" ]; }
