{ lib }:
lib.getAttrFromPath [ "networking" "domain" ] { networking.hostName = "web"; }
