{ vcpus = 4; }
