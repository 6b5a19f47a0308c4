{ path = "/sbin"; }
