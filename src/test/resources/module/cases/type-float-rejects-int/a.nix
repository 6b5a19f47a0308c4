{ ratio = 1; }
