{ microvm.volumes = [ { image = "var.img"; size = 64; } ]; }
