{ groups.wheel = [ "bob" ]; }
