{ lib, ... }:
{ vms.web.vcpu = lib.mkForce 2; }
