{ shares = [ { source = "/srv/data"; } { source = "/nix/store"; } ]; }
