{ vm.mem = 1024; }
