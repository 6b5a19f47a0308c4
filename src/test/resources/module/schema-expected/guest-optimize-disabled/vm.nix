{ microvm.optimize.enable = false; boot.kernelParams = [ "console=ttyS0" ]; }
