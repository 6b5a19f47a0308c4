{ hypervisor = "firecracker"; }
