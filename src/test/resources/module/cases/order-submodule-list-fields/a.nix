{ vm.tags = [ "a" ]; }
