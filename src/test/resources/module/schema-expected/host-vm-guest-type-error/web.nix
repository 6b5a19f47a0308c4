{ microvm.vms.web.config.microvm.vcpu = 0; }
