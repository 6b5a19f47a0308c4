{ lib, ... }:
{ hostName = lib.mkDefault "db"; }
