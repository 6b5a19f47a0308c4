{ user = "microvm"; }
