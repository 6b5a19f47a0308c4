{ imports = [ ./options.nix ./mid.nix ]; }
