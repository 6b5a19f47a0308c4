{ ports = { ssh = 22; web = "80"; }; }
