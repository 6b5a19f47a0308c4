{ server = 5; }
