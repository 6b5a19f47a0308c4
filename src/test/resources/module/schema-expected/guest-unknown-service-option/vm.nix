{ systemd.services.app.serviceConfig.WorkingDirectory = "/srv/app"; }
