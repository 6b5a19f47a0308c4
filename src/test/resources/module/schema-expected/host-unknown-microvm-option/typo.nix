{ microvm.stateDirectory = "/srv/vms"; }
