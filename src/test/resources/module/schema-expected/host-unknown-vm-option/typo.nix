{ microvm.vms.web.autoStart = false; }
