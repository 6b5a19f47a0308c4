{ volumes = [ { image = "a.img"; } ]; }
