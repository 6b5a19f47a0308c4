{ server.imports = [ ./tls.nix ]; }
