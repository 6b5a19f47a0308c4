{ microvm.vms.web.config.boot.kernelParams = [ "quiet" ]; }
