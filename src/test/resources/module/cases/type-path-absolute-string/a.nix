{ dir = "/srv/vms"; }
