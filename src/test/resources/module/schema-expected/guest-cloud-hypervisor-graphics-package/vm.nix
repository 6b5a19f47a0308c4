{ microvm.hypervisor = "cloud-hypervisor"; microvm.graphics.enable = true; }
