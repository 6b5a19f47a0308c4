{ services.web.enable = "yes"; }
