{ networking.hostName = "my_vm.example.org"; }
