{ assertions = [ { assertion = false; message = "from a"; } ]; }
