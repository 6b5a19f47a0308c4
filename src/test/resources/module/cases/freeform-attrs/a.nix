{ settings = { Restart = "always"; User = "microvm"; }; }
