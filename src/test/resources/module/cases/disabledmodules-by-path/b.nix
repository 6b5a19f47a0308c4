{ disabledModules = [ ./unwanted.nix ]; l = [ "b" ]; }
