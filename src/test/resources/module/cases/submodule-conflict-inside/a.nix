{ vms.web.mem = 256; }
