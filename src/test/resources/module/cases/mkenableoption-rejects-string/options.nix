{ lib, ... }:
{
  options.services.web.enable = lib.mkEnableOption "the web server";
}
