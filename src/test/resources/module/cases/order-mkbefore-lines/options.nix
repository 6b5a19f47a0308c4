{ lib, ... }:
{
  options.preStart = lib.mkOption { type = lib.types.lines; default = ""; };
}
