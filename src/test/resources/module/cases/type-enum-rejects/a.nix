{ hypervisor = "xen"; }
