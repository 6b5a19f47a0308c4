{ env.A = "2"; }
