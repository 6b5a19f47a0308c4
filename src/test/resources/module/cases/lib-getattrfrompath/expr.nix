{ lib }:
lib.getAttrFromPath [ "networking" "hostName" ] { networking.hostName = "web"; }
