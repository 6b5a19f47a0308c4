{ microvm.mem = 1024; }
