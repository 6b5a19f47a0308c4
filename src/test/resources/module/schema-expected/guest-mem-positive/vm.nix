{ microvm.mem = 0; }
