{ lib, ... }:
{ hostName = lib.mkDefault "web"; }
