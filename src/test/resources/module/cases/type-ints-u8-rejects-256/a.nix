{ byte = 256; }
