{ networking.hostName = "q"; microvm.hotplugMem = 1024; microvm.qemu.machine = "q35"; }
