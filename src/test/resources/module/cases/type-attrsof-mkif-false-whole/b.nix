{ env.B = "2"; }
