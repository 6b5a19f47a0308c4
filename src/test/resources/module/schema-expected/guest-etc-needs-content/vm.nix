{ environment.etc."empty.conf".mode = "0600"; }
