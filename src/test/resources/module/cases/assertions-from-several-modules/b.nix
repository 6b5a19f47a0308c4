{ assertions = [ { assertion = false; message = "from b"; } ]; }
