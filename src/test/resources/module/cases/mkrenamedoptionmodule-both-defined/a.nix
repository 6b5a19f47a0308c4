{ microvm.memory = 2048; }
