{ lib, config, ... }:
{
  options.service.enable = lib.mkEnableOption "the service";
  options.service.port = lib.mkOption { type = lib.types.port; default = 8080; };
  options.firewall.ports = lib.mkOption { type = lib.types.listOf lib.types.port; default = [ ]; };
  config = lib.mkIf config.service.enable {
    firewall.ports = [ config.service.port ];
  };
}
