{ systemd.services.app.serviceConfig.User = "app"; }
