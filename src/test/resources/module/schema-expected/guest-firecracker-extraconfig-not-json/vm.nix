{ microvm.firecracker.extraConfig.hook = x: x; }
