{ path = "/bin"; }
