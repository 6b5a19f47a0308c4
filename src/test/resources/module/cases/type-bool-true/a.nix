{ enable = true; }
