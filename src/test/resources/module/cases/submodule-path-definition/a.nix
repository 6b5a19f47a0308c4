{ server = ./tls.nix; }
