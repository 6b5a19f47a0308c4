{ lib, ... }:
{
  options.dir = lib.mkOption { type = lib.types.str; default = "/var/lib/microvms/"; apply = lib.removeSuffix "/"; };
}
