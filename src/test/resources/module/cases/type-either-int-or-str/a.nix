{ threads = "`nproc`"; other = 4; }
