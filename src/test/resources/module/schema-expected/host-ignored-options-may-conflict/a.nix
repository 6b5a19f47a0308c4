{ networking.hostName = "one"; }
