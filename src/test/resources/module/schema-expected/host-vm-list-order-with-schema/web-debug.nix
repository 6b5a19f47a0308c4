{ microvm.vms.web.config = { lib, ... }: { boot.kernelParams = lib.mkAfter [ "loglevel=7" ]; }; }
