{ services.web.enable = true; }
