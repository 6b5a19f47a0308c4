{ enable = false; }
