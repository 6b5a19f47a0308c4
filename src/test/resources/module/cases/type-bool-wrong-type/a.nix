{ enable = "yes"; }
