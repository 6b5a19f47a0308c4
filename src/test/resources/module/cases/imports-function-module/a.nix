{ imports = [ ./greet.nix ]; }
