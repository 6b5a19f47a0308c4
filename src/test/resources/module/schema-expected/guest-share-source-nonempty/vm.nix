{ microvm.shares = [ { tag = "x"; source = ""; mountPoint = "/x"; } ]; }
