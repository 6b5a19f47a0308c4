{ imports = [ ./common.nix ]; }
