{ pkg = { outPath = "/tmp/x"; }; }
