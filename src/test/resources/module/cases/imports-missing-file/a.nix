{ imports = [ ./missing.nix ]; }
