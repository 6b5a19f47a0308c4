{ _file = "generated/first"; n = 1; }
