{ microvm.vms.web.config.microvm.mem = 512; }
