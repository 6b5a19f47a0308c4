{ l = [ "plain" ]; }
