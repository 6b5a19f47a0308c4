{ microvm.vms.web.config.services.nginx.enable = true; }
