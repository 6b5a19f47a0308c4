{ lib }:
lib.setAttrByPath [ "microvm" "vms" "web" "autostart" ] false
