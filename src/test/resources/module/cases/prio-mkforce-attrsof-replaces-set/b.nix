{ lib, ... }:
{ env = lib.mkForce { A = "forced"; }; }
