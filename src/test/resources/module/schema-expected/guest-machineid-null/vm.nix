{ microvm.machineId = null; }
