{ imports = [ ./leaf.nix ]; b = 2; }
