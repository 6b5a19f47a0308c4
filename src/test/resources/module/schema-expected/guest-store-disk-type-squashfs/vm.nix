{ microvm.storeDiskType = "squashfs"; }
