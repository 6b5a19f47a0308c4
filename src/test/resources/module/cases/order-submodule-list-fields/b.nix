{ vm.tags = [ "b" ]; }
