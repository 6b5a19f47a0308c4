{ lib, config, ... }:
{
  options.hostName = lib.mkOption { type = lib.types.str; default = "nixos"; };
  options.socket = lib.mkOption { type = lib.types.nullOr lib.types.str; default = "${config.hostName}.sock"; };
}
