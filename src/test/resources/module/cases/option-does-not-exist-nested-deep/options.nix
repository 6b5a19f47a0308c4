{ lib, ... }:
{
  options.services.web.enable = lib.mkOption { type = lib.types.bool; default = false; };
}
