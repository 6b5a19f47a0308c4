{ firewall.ports = [ 22 ]; }
