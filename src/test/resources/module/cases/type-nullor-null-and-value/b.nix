{ user = "x"; }
