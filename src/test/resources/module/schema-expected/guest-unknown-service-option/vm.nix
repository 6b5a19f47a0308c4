{ systemd.services.app.serviceConfig.PrivateTmp = true; }
