{ microvm.cpu = "cortex-a53"; }
