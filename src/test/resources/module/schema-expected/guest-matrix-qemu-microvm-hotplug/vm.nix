{ networking.hostName = "q"; microvm.hotplugMem = 1024; microvm.initialBalloonMem = 64; }
