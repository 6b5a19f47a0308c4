{ tls.cert = "/etc/cert.pem"; }
