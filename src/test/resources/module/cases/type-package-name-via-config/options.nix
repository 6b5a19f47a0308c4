{ lib, config, ... }:
{
  options.pkg = lib.mkOption { type = lib.types.package; };
  options.name = lib.mkOption { type = lib.types.str; default = config.pkg.name; };
}
