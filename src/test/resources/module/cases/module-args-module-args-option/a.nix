{ pkgs, ... }:
{ kernel = "linux-${pkgs.linux.version}"; }
