{ lib, options, config, ... }:
{
  options.services.web.enable = lib.mkEnableOption "the web server";
  options.report = lib.mkOption {
    type = lib.types.anything;
    default = {
      value = config.services.web.enable;
      inherit (options.services.web.enable) default description example;
      type = options.services.web.enable.type.name;
    };
  };
}
