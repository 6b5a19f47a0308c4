{ disabledModules = [ { key = "feature-x"; } ]; }
