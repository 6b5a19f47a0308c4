{ dir = "vms"; }
