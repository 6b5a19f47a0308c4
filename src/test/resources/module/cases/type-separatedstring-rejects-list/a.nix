{ path = [ "/bin" ]; }
