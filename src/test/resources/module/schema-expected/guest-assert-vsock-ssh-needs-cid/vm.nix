{ networking.hostName = "web"; microvm.vsock.ssh.enable = true; }
