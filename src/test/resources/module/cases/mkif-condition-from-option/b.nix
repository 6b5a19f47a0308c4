{ debug = true; kernelParams = [ "quiet" ]; }
