{ proto = "virtiofs"; }
