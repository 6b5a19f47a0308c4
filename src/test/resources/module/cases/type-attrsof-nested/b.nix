{ m.x.b = 2; m.y.c = 3; }
