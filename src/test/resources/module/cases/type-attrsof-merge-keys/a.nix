{ env.A = "1"; }
