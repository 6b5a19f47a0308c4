{ settings = { log.level = "info"; port = 80; }; }
