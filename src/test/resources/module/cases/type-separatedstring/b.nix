{ path = "/usr/bin"; }
