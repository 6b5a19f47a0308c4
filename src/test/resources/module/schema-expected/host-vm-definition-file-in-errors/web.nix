{ microvm.vms.web.config = { ... }: { microvm.hypervisor = "xen"; }; }
