{ networking.hostName = "two"; }
