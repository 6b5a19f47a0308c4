{ vms.web = { }; }
