{ settings = { log.format = "json"; name = "web"; }; }
