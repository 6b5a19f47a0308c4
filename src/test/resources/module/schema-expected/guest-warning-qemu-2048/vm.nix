{ networking.hostName = "big"; microvm.mem = 2048; }
