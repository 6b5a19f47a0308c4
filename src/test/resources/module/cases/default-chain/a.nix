{ hotplugMem = 1024; }
