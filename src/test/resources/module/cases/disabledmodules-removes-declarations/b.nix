{ disabledModules = [ ./decl.nix ]; }
