{ guest.memory = 1024; }
