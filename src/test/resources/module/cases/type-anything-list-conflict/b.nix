{ settings.hosts = [ "b" ]; }
