{ hostName = "web"; }
