{ volumes = [ { image = "b.img"; size = 128; } ]; }
