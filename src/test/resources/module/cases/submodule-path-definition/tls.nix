{ config.tls = true; config.port = 443; }
