{ microvm.memory = 1024; }
