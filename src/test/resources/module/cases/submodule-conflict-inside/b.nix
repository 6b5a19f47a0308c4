{ vms.web.mem = 512; }
