{ microvm.vms.web.config = { }; }
