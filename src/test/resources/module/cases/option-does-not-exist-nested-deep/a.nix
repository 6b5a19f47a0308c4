{ services.web.ports.http = 80; }
