{ tool.package = null; }
