{ lib, config, ... }:
{
  options.file = lib.mkOption { type = lib.types.path; };
  options.kind = lib.mkOption {
    type = lib.types.str;
    default = builtins.typeOf config.file;
  };
}
