{ imports = [ ./unwanted.nix ]; l = [ "a" ]; }
