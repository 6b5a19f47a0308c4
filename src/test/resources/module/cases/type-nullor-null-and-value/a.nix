{ user = null; }
