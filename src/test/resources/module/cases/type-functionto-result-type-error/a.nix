{ f = x: "not an int"; }
