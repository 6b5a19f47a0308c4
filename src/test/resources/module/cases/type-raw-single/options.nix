{ lib, config, ... }:
{
  options.r = lib.mkOption { type = lib.types.raw; };
  options.isRaw = lib.mkOption { type = lib.types.bool; default = config.r.inner._type == "if"; };
}
