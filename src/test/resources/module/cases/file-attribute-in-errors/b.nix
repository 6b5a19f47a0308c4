{ _file = "generated/second"; config.n = 2; }
