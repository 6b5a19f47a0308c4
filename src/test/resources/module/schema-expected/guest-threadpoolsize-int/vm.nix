{ microvm.virtiofsd.threadPoolSize = 4; }
